package dev.promptly.config;

/** Turns a {@link SecretRef} into the secret's value. Implementations must be thread-safe. */
@FunctionalInterface
public interface SecretResolver {
    /**
     * @throws IllegalStateException when the secret cannot be read (missing, no permission); the
     *     caller answers 5xx so the delivery is retried once the secret is there
     */
    String resolve(SecretRef ref);
}
