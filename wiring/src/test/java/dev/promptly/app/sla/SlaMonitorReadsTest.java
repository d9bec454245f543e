package dev.promptly.app.sla;

import static dev.promptly.app.sla.SlaTestSystem.berlin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.testing.ReadCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The monitor's reads follow the due work, not the table: with the same due conversations, a run reads the
 * same items whether 1,000 or 100,000 ({@code -Dpromptly.scale.conversations=N}) other conversations are stored (half of them with a checkpoint still
 * ahead in the index, half without one). Items are counted as DynamoDB returns them, and a Scan fails.
 */
class SlaMonitorReadsTest {
    private static final int DUE = 5;

    private static int itemsReadByOneRun(String table, int others) {
        var counter = new ReadCounter();
        var system = new SlaTestSystem("{\"first_response\": \"PT4H\"}", table, List.of(counter));
        for (int i = 0; i < DUE; i++) {
            system.message("due-" + i);
        }
        store(system.client, table, system.shop.value(), others);
        system.clock.set(berlin("2026-11-25T13:05"));
        var monitor = system.monitor();

        long before = counter.items();
        var run = monitor.run(1_000);
        long read = counter.items() - before;

        assertEquals(0, counter.scans(), "the monitor must never Scan");
        assertEquals(DUE, run.due());
        assertEquals(DUE, run.alerts());
        return (int) read;
    }

    /** {@code count} conversations of another shop: every second one with a checkpoint a year ahead. */
    private static void store(DynamoDbClient client, String table, String shop, int count) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(PromptlyTable.PK, AttributeValue.fromS("other-" + shop));
            item.put(PromptlyTable.SK, AttributeValue.fromS("CONV#" + String.format("%010d", i)));
            item.put("status", AttributeValue.fromS("open"));
            if (i % 2 == 0) {
                item.put(PromptlyTable.SLA_DUE_SHARD, AttributeValue.fromS("SLA"));
                item.put(PromptlyTable.SLA_DUE_AT, AttributeValue.fromS(PromptlyTable.sortable(berlin("2027-11-25T13:00"))));
            }
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
                while (!pending.isEmpty()) {
                    var request = pending;
                    var response = client.batchWriteItem(r -> r.requestItems(request));
                    pending = response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty() ? response.unprocessedItems() : Map.of();
                }
                batch.clear();
            }
        }
    }

    @Test
    void aRunReadsTheSameItemsWithFewAndWithManyStoredConversations() {
        int large = Integer.getInteger("promptly.scale.conversations", 100_000);
        int few = itemsReadByOneRun(SlaTestSystem.TABLE + "-small", 1_000);
        int many = itemsReadByOneRun(SlaTestSystem.TABLE + "-large", large);
        System.out.printf("sla monitor, %d due: 1,000 other conversations -> %d items read; %,d other conversations -> %d items read%n",
                DUE, few, large, many);

        assertEquals(few, many, "items read per run must not grow with the stored conversations");
        assertTrue(few <= DUE * 4, "index keys, conversation and a short event log per due conversation: " + few);
    }
}
