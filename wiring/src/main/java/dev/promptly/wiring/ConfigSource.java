package dev.promptly.wiring;

import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import dev.promptly.aws.ssm.SsmParameterReader;

/** Loads the configuration named by the environment: an SSM parameter when deployed, or a file. */
public final class ConfigSource {
    private ConfigSource() {
    }

    /** Literal secrets are refused when running in Lambda. */
    public static PromptlyConfig load(PromptlyEnvironment env, Supplier<SsmParameterReader> ssm) {
        if (env.configParameter() != null) {
            String json = ssm.get().get(env.configParameter());
            return ConfigParser.parse(json, "SSM parameter " + env.configParameter(), !env.inLambda());
        }
        return loadFile(Path.of(env.configFile()), !env.inLambda());
    }

    public static PromptlyConfig loadFile(Path file, boolean allowLiteralSecrets) {
        try {
            return ConfigParser.parse(Files.readString(file), file.toString(), allowLiteralSecrets);
        } catch (IOException e) {
            throw new UncheckedIOException("configuration file " + file + " cannot be read", e);
        }
    }
}
