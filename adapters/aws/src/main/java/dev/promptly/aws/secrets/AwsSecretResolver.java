package dev.promptly.aws.secrets;

import dev.promptly.aws.ssm.SsmParameterReader;
import dev.promptly.config.SecretRef;
import dev.promptly.config.SecretResolver;
import java.util.function.Supplier;

/**
 * Reads secrets from SSM Parameter Store (SecureString, decrypted) or Secrets Manager. Each client is
 * built on first use only, so a deployment that uses one service never pays the other's start-up.
 */
public final class AwsSecretResolver implements SecretResolver {
    private final Lazy<SsmParameterReader> ssm;
    private final Lazy<SecretsManagerReader> secretsManager;

    public AwsSecretResolver(Supplier<SsmParameterReader> ssm, Supplier<SecretsManagerReader> secretsManager) {
        this.ssm = new Lazy<>(ssm);
        this.secretsManager = new Lazy<>(secretsManager);
    }

    @Override
    public String resolve(SecretRef ref) {
        try {
            return switch (ref.scheme()) {
                case SSM -> ssm.get().get(ref.name());
                case SECRETS_MANAGER -> secretsManager.get().get(ref.name());
                case LITERAL -> ref.name();
            };
        } catch (java.io.UncheckedIOException e) {
            // The reference, never the value, is safe to name.
            throw new IllegalStateException("secret " + ref + " could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) {
                        value = factory.get();
                    }
                    v = value;
                }
            }
            return v;
        }
    }
}
