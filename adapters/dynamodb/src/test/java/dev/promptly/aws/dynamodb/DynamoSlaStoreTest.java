package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The SLA store's digest head against DynamoDB Local: the items as stored, read raw. */
class DynamoSlaStoreTest {
    private static final String TABLE = "promptly-sla-store-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    private final DynamoDbClient client = DYNAMO.newClient();
    private final DynamoSlaStore store = new DynamoSlaStore(client, TABLE);
    private final ShopDomain shop = new ShopDomain("sla-store.myshopify.com");
    private final Instant opening = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void digestLinesCountOnTheHeadWhichWaitsInTheIndexUntilTheDigestIsSent() {
        store.recordDigestLine(shop, new ConversationId("0000000001"), "first", "warn", opening, List.of("team"), "c1 waits", 1_766_000_000L);
        store.recordDigestLine(shop, new ConversationId("0000000002"), "first", "warn", opening, List.of("team"), "c2 waits", 1_766_000_000L);
        Map<String, AttributeValue> pending = head();

        boolean sent = store.recordDigestSent(shop, opening, List.of(), 1_766_000_000L);
        boolean sentAgain = store.recordDigestSent(shop, opening, List.of(), 1_766_000_000L);

        assertEquals(Map.of("pk", AttributeValue.fromS(shop.value()), "sk", AttributeValue.fromS("SLADIGEST#2026-11-26T08:00:00.000000000Z"),
                "slaDueShard", AttributeValue.fromS("SLA"), "slaDueAt", AttributeValue.fromS("2026-11-26T08:00:00.000000000Z"),
                "lines", AttributeValue.fromN("2"), "expiresAt", AttributeValue.fromN("1766000000")), pending);
        assertTrue(sent);
        assertFalse(sentAgain, "a digest is sent once");
        assertEquals(Map.of("pk", AttributeValue.fromS(shop.value()), "sk", AttributeValue.fromS("SLADIGEST#2026-11-26T08:00:00.000000000Z"),
                "lines", AttributeValue.fromN("2"), "sentAt", AttributeValue.fromS("2026-11-26T08:00:00Z"),
                "expiresAt", AttributeValue.fromN("1766000000")), head());
        assertEquals(List.of("c1 waits", "c2 waits"), store.digestLines(shop, opening).stream().map(l -> l.line()).toList());
    }

    private Map<String, AttributeValue> head() {
        return client.getItem(r -> r.tableName(TABLE).consistentRead(true).key(Map.of(
                PromptlyTable.PK, AttributeValue.fromS(shop.value()),
                PromptlyTable.SK, AttributeValue.fromS(SlaItems.digestKey(opening))))).item();
    }
}
