package dev.promptly.config;

import java.util.Objects;

/**
 * Where a secret lives: {@code ssm:/promptly/acme/webhook} (a SecureString parameter),
 * {@code secretsmanager:promptly/acme/webhook} (a secret's name or ARN), or {@code literal:VALUE} for the
 * local runner only — a deployed function refuses literal secrets so that none ends up in configuration
 * that is copied around.
 */
public record SecretRef(Scheme scheme, String name) {
    public enum Scheme { SSM, SECRETS_MANAGER, LITERAL }

    public SecretRef {
        Objects.requireNonNull(scheme, "scheme");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("secret name must not be blank");
        }
    }

    /** Parses {@code scheme:name}; the message of the exception says which schemes exist. */
    public static SecretRef parse(String raw) {
        int colon = raw == null ? -1 : raw.indexOf(':');
        if (colon <= 0 || colon == raw.length() - 1) {
            throw new IllegalArgumentException("must be ssm:NAME, secretsmanager:NAME or literal:VALUE");
        }
        String prefix = raw.substring(0, colon);
        String rest = raw.substring(colon + 1);
        return switch (prefix) {
            case "ssm" -> new SecretRef(Scheme.SSM, rest);
            case "secretsmanager" -> new SecretRef(Scheme.SECRETS_MANAGER, rest);
            case "literal" -> new SecretRef(Scheme.LITERAL, rest);
            default -> throw new IllegalArgumentException("unknown secret scheme '" + prefix
                    + "': must be ssm:NAME, secretsmanager:NAME or literal:VALUE");
        };
    }

    // Written out rather than generated, as ShopDomain's: the generated ones link through ObjectMethods.bootstrap
    // at the first call, which configuration validation makes in every function's initialisation. Same semantics.
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretRef o && scheme == o.scheme && name.equals(o.name);
    }

    @Override
    public int hashCode() {
        return 31 * scheme.hashCode() + name.hashCode();
    }

    /** Never the value of a literal secret: safe for logs and error messages. */
    @Override
    public String toString() {
        return scheme == Scheme.LITERAL ? "literal:***" : scheme.name().toLowerCase().replace("_", "") + ":" + name;
    }
}
