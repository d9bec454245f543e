package dev.promptly.wiring;

import dev.promptly.aws.s3.S3ObjectReader;
import dev.promptly.aws.ssm.SsmParameterReader;
import dev.promptly.config.ConfigException;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Loads the configuration named by the environment: an SSM parameter or an S3 object when deployed, or a
 * file. It is loaded once, when the function initialises, and never refreshed in a running container:
 * with SnapStart that initialisation runs when a version is published, so a version and its configuration
 * are one unit that the {@code live} alias moves between (a new {@code ConfigRevision} publishes new
 * versions; moving the alias back rolls the configuration back too). Re-reading it every few minutes, as
 * secrets are, would make containers of one version disagree, apply an unvalidated change without a
 * deployment, and leave no way to roll back. Secrets stay refreshed: their values change, not the rules.
 */
public final class ConfigSource {
    /**
     * The largest configuration object read. Far above what thousands of shops need (a shop with template
     * overrides is a few KB), and it bounds the memory and parsing time of an initialisation.
     */
    public static final int MAX_OBJECT_BYTES = 8 * 1024 * 1024;

    private ConfigSource() {
    }

    /** Literal secrets are refused when running in Lambda. */
    public static PromptlyConfig load(PromptlyEnvironment env, Supplier<SsmParameterReader> ssm) {
        return load(env, ssm, () -> {
            throw new IllegalStateException(PromptlyEnvironment.CONFIG_OBJECT + " is set, but no S3 reader was given");
        });
    }

    /** Literal secrets are refused when running in Lambda. */
    public static PromptlyConfig load(PromptlyEnvironment env, Supplier<SsmParameterReader> ssm, Supplier<S3ObjectReader> s3) {
        if (env.configParameter() != null) {
            String json = ssm.get().get(env.configParameter());
            return ConfigParser.parse(json, "SSM parameter " + env.configParameter(), !env.inLambda());
        }
        if (env.configObject() != null) {
            var location = S3Location.parse(env.configObject());
            byte[] json = s3.get().read(location.bucket(), location.key());
            if (json.length > MAX_OBJECT_BYTES) {
                throw new ConfigException(env.configObject(), List.of("(root): the object has " + json.length + " bytes, more than "
                        + MAX_OBJECT_BYTES + " (split the shops over deployments)"));
            }
            return ConfigParser.parse(new String(json, StandardCharsets.UTF_8), env.configObject(), !env.inLambda());
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

    /** {@code s3://bucket/key}, as {@code aws s3 cp} writes it. */
    public record S3Location(String bucket, String key) {
        /** @throws IllegalStateException naming {@link PromptlyEnvironment#CONFIG_OBJECT} when it is not {@code s3://bucket/key} */
        public static S3Location parse(String uri) {
            if (uri.startsWith("s3://")) {
                int slash = uri.indexOf('/', "s3://".length());
                if (slash > "s3://".length() && slash < uri.length() - 1) {
                    return new S3Location(uri.substring("s3://".length(), slash), uri.substring(slash + 1));
                }
            }
            throw new IllegalStateException(PromptlyEnvironment.CONFIG_OBJECT + " must be s3://bucket/key, got '" + uri + "'");
        }
    }
}
