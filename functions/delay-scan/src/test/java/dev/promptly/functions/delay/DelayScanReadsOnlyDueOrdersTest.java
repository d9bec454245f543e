package dev.promptly.functions.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptly.app.delay.DelayScanReport;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.testing.ReadCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The delay scan's cost follows the due work, not the table: with the same 50 orders due, a run reads
 * the same items from a table of 1,000 orders as from one of 100,000 (set
 * {@code -Dpromptly.scale.orders=N} to try other sizes). Reads are counted in the SDK by an interceptor:
 * items returned by Query and GetItem, and any Scan at all.
 */
class DelayScanReadsOnlyDueOrdersTest {
    static final int DUE = 50;

    @Test
    void aRunReadsTheSameItemsWithAThousandAndAHundredThousandStoredOrders() throws Exception {
        int large = Integer.getInteger("promptly.scale.orders", 100_000);

        Reads small = runWithStoredOrders(1_000);
        Reads big = runWithStoredOrders(large);

        System.out.printf("delay scan, %d due: 1,000 stored orders -> %d items in %d read requests; %,d stored orders -> %d items in %d read requests%n",
                DUE, small.items, small.requests, large, big.items, big.requests);
        assertEquals(0, small.scans + big.scans, "never a Scan");
        assertEquals(DUE, small.report.notices());
        assertEquals(DUE, big.report.notices());
        assertEquals(small.items, big.items, "items read with 1,000 and " + large + " stored orders");
        assertEquals(small.requests, big.requests, "read requests with 1,000 and " + large + " stored orders");
    }

    private record Reads(long items, long requests, long scans, DelayScanReport report) {
    }

    private Reads runWithStoredOrders(int stored) throws Exception {
        String table = "delay-scale-" + stored;
        var counter = new ReadCounter();
        try (DynamoDbClient plain = DelayScanTestSystem.DYNAMO.newClient();
             DynamoDbClient counting = DelayScanTestSystem.DYNAMO.clientBuilder()
                     .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build()) {
            plain.createTable(PromptlyTable.createTableRequest(table));
            try (var system = new DelayScanTestSystem(table, counting, "")) {
                for (int i = 0; i < DUE; i++) {
                    system.deliver("orders/create", system.order(7_000_000 + i, "#7" + i));
                }
                fill(plain, table, system.shop.value(), stored - DUE);
                system.clock.set(DelayScanTest.BERLIN_MORNING);
                counter.reset();

                DelayScanReport report = system.scanWith(system.newScan());

                return new Reads(counter.items(), counter.requests(), counter.scans(), report);
            } finally {
                plain.deleteTable(r -> r.tableName(table));
            }
        }
    }

    /**
     * Stores {@code count} more orders of the shop, copies of a real order's item under new keys: a tenth
     * still waits for a future check (in the index, not due), the rest are finished (out of it).
     */
    private static void fill(DynamoDbClient client, String table, String shop, int count) throws Exception {
        Map<String, AttributeValue> template = client.getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(shop), "sk", AttributeValue.fromS("ORDER#7000000")))).item();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < count; from += 25) {
            int start = from;
            int end = Math.min(count, from + 25);
            batches.add(pool.submit(() -> {
                List<WriteRequest> writes = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    Map<String, AttributeValue> item = new HashMap<>(template);
                    item.put("sk", AttributeValue.fromS("ORDER#" + (8_000_000 + i)));
                    item.remove(PromptlyTable.ORDER_NAME_KEY);
                    if (i % 10 == 0) {
                        item.put(PromptlyTable.DELAY_DUE_AT, AttributeValue.fromS("2027-01-01T00:00:00.000000000Z"));
                    } else {
                        item.remove(PromptlyTable.DELAY_DUE_SHARD);
                        item.remove(PromptlyTable.DELAY_DUE_AT);
                    }
                    writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(table, writes);
                while (!pending.isEmpty()) {
                    var pendingNow = pending;
                    BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(pendingNow));
                    pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                }
            }));
        }
        for (Future<?> batch : batches) {
            batch.get();
        }
        pool.shutdown();
    }
}
