package dev.promptly.local.validate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The options of {@code validate}; see {@link ValidateCommand#USAGE}. */
record ValidateOptions(Path config, boolean local, String secretsPath, String secretsManagerPrefix, Target target) {
    /** Where the configuration is deployed: the SSM parameter (the template's default) or the S3 object (ConfigBucketName). */
    enum Target { SSM, S3 }

    ValidateOptions {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(target, "target");
    }

    /** @throws IllegalArgumentException naming the option that is missing, unknown or without its value */
    static ValidateOptions parse(List<String> args) {
        Path config = null;
        boolean local = false;
        String secretsPath = ValidateCommand.DEFAULT_SECRETS_PATH;
        String secretsManagerPrefix = ValidateCommand.DEFAULT_SECRETS_MANAGER_PREFIX;
        Target target = null;
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
                case "--target" -> {
                    String value = value(args, ++i, arg);
                    target = switch (value) {
                        case "ssm" -> Target.SSM;
                        case "s3" -> Target.S3;
                        default -> throw new IllegalArgumentException("--target: must be ssm (the SSM parameter) or s3 (the S3 object), got " + value);
                    };
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config FILE is required");
        }
        if (local && target != null) {
            throw new IllegalArgumentException("--local checks for the local runner, --target for a deployment: give one of them");
        }
        return new ValidateOptions(config, local, secretsPath, secretsManagerPrefix, target == null ? Target.SSM : target);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
