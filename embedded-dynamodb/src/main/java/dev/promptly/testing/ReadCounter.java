package dev.promptly.testing;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Counts what DynamoDB returns to the reads of a client it is added to: items from {@code Query},
 * {@code GetItem} and {@code BatchGetItem}, the read requests, and every {@code Scan} issued — to show
 * that a scheduled job reads what is due, not the table. Thread-safe.
 */
public final class ReadCounter implements ExecutionInterceptor {
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong scans = new AtomicLong();

    public void reset() {
        items.set(0);
        requests.set(0);
        scans.set(0);
    }

    public long items() {
        return items.get();
    }

    public long requests() {
        return requests.get();
    }

    public long scans() {
        return scans.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof ScanRequest) {
            scans.incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof QueryResponse query) {
            requests.incrementAndGet();
            items.addAndGet(query.count());
        } else if (context.response() instanceof GetItemResponse get) {
            requests.incrementAndGet();
            items.addAndGet(get.hasItem() && !get.item().isEmpty() ? 1 : 0);
        } else if (context.response() instanceof BatchGetItemResponse batch) {
            requests.incrementAndGet();
            batch.responses().values().forEach(list -> items.addAndGet(list.size()));
        }
    }
}
