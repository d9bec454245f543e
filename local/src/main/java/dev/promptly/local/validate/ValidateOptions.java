package dev.promptly.local.validate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The options of {@code validate}; see {@link ValidateCommand#USAGE}. */
record ValidateOptions(Path config, boolean local, String secretsPath, String secretsManagerPrefix) {
    ValidateOptions {
        Objects.requireNonNull(config, "config");
    }

    /** @throws IllegalArgumentException naming the option that is missing, unknown or without its value */
    static ValidateOptions parse(List<String> args) {
        Path config = null;
        boolean local = false;
        String secretsPath = ValidateCommand.DEFAULT_SECRETS_PATH;
        String secretsManagerPrefix = ValidateCommand.DEFAULT_SECRETS_MANAGER_PREFIX;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--local" -> local = true;
                case "--config" -> config = Path.of(value(args, ++i, arg));
                case "--secrets-path" -> {
                    secretsPath = value(args, ++i, arg);
                    if (!secretsPath.startsWith("/") || !secretsPath.endsWith("/")) {
                        throw new IllegalArgumentException("--secrets-path: must start and end with / like the stack's SecretsParameterPath");
                    }
                }
                case "--secrets-manager-prefix" -> secretsManagerPrefix = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config FILE is required");
        }
        return new ValidateOptions(config, local, secretsPath, secretsManagerPrefix);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
