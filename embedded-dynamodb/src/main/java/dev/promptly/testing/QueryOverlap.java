package dev.promptly.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Shows whether a client's queries of some indexes run at the same time. Once {@link #arm armed} for
 * {@code parties} queries, each such query waits before it is sent until that many are in flight (or the
 * wait ends), so overlapping queries are seen overlapping however the threads are scheduled, and queries
 * run one after another each wait out the time. {@link #most()} is the most that were in flight at once.
 * Disarmed (the default) it only counts. Thread-safe.
 */
public final class QueryOverlap implements ExecutionInterceptor {
    private final Set<String> indexes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private volatile CountDownLatch gathering = new CountDownLatch(0);
    private volatile Duration wait = Duration.ZERO;

    /** Watches the queries of these indexes (together: a query of any of them counts). */
    public QueryOverlap(String... indexes) {
        this.indexes = Set.of(indexes);
    }

    /** From now on, holds each query of the indexes until {@code parties} are in flight, at most {@code wait}. */
    public void arm(int parties, Duration wait) {
        this.most.set(0);
        this.gathering = new CountDownLatch(parties);
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    /** The most queries of the indexes in flight at once since {@link #arm}. */
    public int most() {
        return most.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (matches(context.request())) {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CountDownLatch latch = gathering;
            latch.countDown();
            try {
                latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (matches(context.request())) {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (matches(context.request())) {
            inFlight.decrementAndGet();
        }
    }

    private boolean matches(Object request) {
        return request instanceof QueryRequest query && query.indexName() != null && indexes.contains(query.indexName());
    }
}
