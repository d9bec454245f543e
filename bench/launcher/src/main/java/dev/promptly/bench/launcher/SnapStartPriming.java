package dev.promptly.bench.launcher;

import org.crac.Resource;

/**
 * What SnapStart does before it takes the snapshot: call each registered resource's
 * {@code beforeCheckpoint}. Our handlers register themselves and ignore the context, so calling the
 * hook directly primes exactly as in Lambda. A handler without the hook is left unprimed.
 */
final class SnapStartPriming {
    private SnapStartPriming() {
    }

    static void beforeCheckpoint(Object handler) throws Exception {
        if (handler instanceof Resource resource) {
            resource.beforeCheckpoint(null);
        }
    }
}
