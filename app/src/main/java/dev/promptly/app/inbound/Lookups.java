package dev.promptly.app.inbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Reads of one message that do not depend on each other, run at the same time so the message waits for
 * the slowest, not for their sum: the second and third named order numbers, and the sender's standing.
 * The threads are shared by the container's invocations, daemon threads (they never keep a JVM alive),
 * and as many as one message uses.
 */
final class Lookups {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(VisibleOrders.MAX_ORDER_LOOKUPS, task -> {
        Thread thread = new Thread(task, "intake-lookup");
        thread.setDaemon(true);
        return thread;
    });

    private Lookups() {
    }

    static <T> CompletableFuture<T> start(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, POOL);
    }

    /** The read's answer; its failure as thrown by the read itself. */
    static <T> T await(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
