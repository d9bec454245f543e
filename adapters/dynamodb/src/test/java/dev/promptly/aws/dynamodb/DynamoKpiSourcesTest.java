package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptly.app.port.KpiSources.SentDelayNotice;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.ConversationFacts.AlertMarker;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.Sender;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/** The KPI rollup's reads against DynamoDB Local: by index range and key prefix, each shop its own. */
class DynamoKpiSourcesTest {
    private static final String TABLE = "promptly-kpi-sources-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final long TTL = 2_000_000_000L;

    private final DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(DYNAMO.newClient()).build();
    private final DynamoKpiSources sources = new DynamoKpiSources(DYNAMO.newClient(), TABLE);

    private void conversationOpenedAt(ShopDomain shop, String id, String openedAt) {
        Instant at = Instant.parse(openedAt);
        var conversation = new Conversation(shop, new ConversationId(id), Channel.EMAIL, ConversationStatus.OPEN,
                new Sender(null, "someone@example.com", null), "en", "Where is it?", null, null, at, at, 1);
        enhanced.table(TABLE, ConversationItem.SCHEMA).putItem(ConversationItems.conversation(conversation, 1, TTL));
    }

    private void outbox(ShopDomain shop, String id, OutboxKind kind, OutboxStatus status, String createdAt, String sentAt) {
        var message = new OutboxMessage(shop, id, kind, "email", "someone@example.com", "shop@example.com", null, "Your order", "text", null,
                Map.of(), null, "1001", Instant.parse(createdAt), status, null, 1, null, sentAt == null ? null : Instant.parse(sentAt), null);
        enhanced.table(TABLE, OutboxItem.SCHEMA).putItem(OutboxItems.item(message, TTL));
    }

    @Test
    void conversationsOpenedInAHalfOpenRangeComeOldestFirstFromTheShopsOwnIndexPartition() {
        var shop = new ShopDomain("kpi-sources-opened.myshopify.com");
        conversationOpenedAt(shop, "0000000001", "2026-11-24T23:59:59.999Z");
        conversationOpenedAt(shop, "0000000003", "2026-11-25T23:59:59Z");
        conversationOpenedAt(shop, "0000000002", "2026-11-25T00:00:00Z");
        conversationOpenedAt(shop, "0000000004", "2026-11-26T00:00:00Z");
        conversationOpenedAt(new ShopDomain("kpi-sources-other.myshopify.com"), "0000000005", "2026-11-25T12:00:00Z");

        var ids = sources.conversationsOpened(shop, Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"), 10);
        var capped = sources.conversationsOpened(shop, Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"), 2);

        assertEquals(List.of(new ConversationId("0000000002"), new ConversationId("0000000003")), ids);
        assertEquals(List.of(new ConversationId("0000000001"), new ConversationId("0000000002")), capped);
    }

    @Test
    void alertStagesAreReadByTheConversationsPrefix() {
        var shop = new ShopDomain("kpi-sources-alerts.myshopify.com");
        var alerts = enhanced.table(TABLE, SlaAlertItem.SCHEMA);
        alerts.putItem(new SlaAlertItem(shop.value(), SlaItems.alertKey(new ConversationId("00000000C1"), "first_response", "warning-PT15M"), "sent", "00000000C1", TTL));
        alerts.putItem(new SlaAlertItem(shop.value(), SlaItems.alertKey(new ConversationId("00000000C1"), "next_response-2", "breach"), "held", "00000000C1", TTL));
        alerts.putItem(new SlaAlertItem(shop.value(), SlaItems.alertKey(new ConversationId("0000000C10"), "first_response", "breach"), "sent", "0000000C10", TTL));

        var markers = sources.alerts(shop, new ConversationId("00000000C1"));

        assertEquals(List.of(new AlertMarker("first_response", "warning-PT15M"), new AlertMarker("next_response-2", "breach")), markers);
    }

    @Test
    void delayNoticesCountWhenSentInTheRangeWhateverDayTheyWereWritten() {
        var shop = new ShopDomain("kpi-sources-notices.myshopify.com");
        outbox(shop, "20261124T220000.000Z-1001-delay_notice", OutboxKind.DELAY_NOTICE, OutboxStatus.SENT, "2026-11-24T22:00:00Z",
                "2026-11-25T07:00:00Z");
        outbox(shop, "20261125T100000.000Z-1002-delay_notice", OutboxKind.DELAY_NOTICE, OutboxStatus.PENDING, "2026-11-25T10:00:00Z", null);
        outbox(shop, "20261125T110000.000Z-ack-X", OutboxKind.ACK, OutboxStatus.SENT, "2026-11-25T11:00:00Z", "2026-11-25T11:00:01Z");
        outbox(shop, "20261125T235959.000Z-1003-delay_notice", OutboxKind.DELAY_NOTICE, OutboxStatus.SENT, "2026-11-25T23:59:59Z",
                "2026-11-26T00:00:01Z");

        var notices = sources.delayNoticesSent(shop, Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"), 10);

        assertEquals(List.of(new SentDelayNotice("1001", "email", Instant.parse("2026-11-25T07:00:00Z"))), notices);
    }

    /** Sources on a client that notes each request's operation in {@code requests}. */
    private static DynamoKpiSources counted(List<String> requests) {
        return new DynamoKpiSources(DYNAMO.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        })).build(), TABLE);
    }

    private static final List<Instant> THREE_DAYS = List.of(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"),
            Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"));

    @Test
    void consecutiveDaysOpeningsAreReadInOneQueryAndADayThatFillsUpStartsANewOneAtTheNextDay() {
        var shop = new ShopDomain("kpi-sources-days.myshopify.com");
        conversationOpenedAt(shop, "0000000011", "2026-11-23T23:59:59.999Z");
        conversationOpenedAt(shop, "0000000012", "2026-11-24T00:00:00Z");
        conversationOpenedAt(shop, "0000000013", "2026-11-25T00:00:00Z");
        conversationOpenedAt(shop, "0000000014", "2026-11-25T08:00:00Z");
        conversationOpenedAt(shop, "0000000015", "2026-11-25T09:00:00Z");
        conversationOpenedAt(shop, "0000000016", "2026-11-26T23:59:59Z");
        conversationOpenedAt(shop, "0000000017", "2026-11-27T00:00:00Z");
        List<String> requests = new CopyOnWriteArrayList<>();

        var days = counted(requests).conversationsOpened(shop, THREE_DAYS, 2);

        assertEquals(List.of(List.of(new ConversationId("0000000012")),
                List.of(new ConversationId("0000000013"), new ConversationId("0000000014")),
                List.of(new ConversationId("0000000016"))), days, "each day as a query of it alone with the limit 2 answers");
        // Pages of at most the limit: the first day and the second's first; the second's last two; then a new Query from
        // the third day (a Query per day would take four requests: one, two, one).
        assertEquals(List.of("Query", "Query", "Query"), requests);
    }

    @Test
    void consecutiveDaysNoticesAreReadInOneQueryEachDayCountingWhatAQueryOfItAloneWouldRead() {
        var shop = new ShopDomain("kpi-sources-notice-days.myshopify.com");
        // Written 3.5 days before the first day: within the hold of that day.
        outbox(shop, "20261120T120000.000Z-1001-delay_notice", OutboxKind.DELAY_NOTICE, OutboxStatus.SENT, "2026-11-20T12:00:00Z",
                "2026-11-24T07:00:00Z");
        // Sent on the third day, but written 4.5 days before it: a query of that day alone never reads it. (The helper
        // writes every record for order 1001; the times tell them apart.)
        outbox(shop, "20261121T120000.000Z-1002-delay_notice", OutboxKind.DELAY_NOTICE, OutboxStatus.SENT, "2026-11-21T12:00:00Z",
                "2026-11-26T07:00:00Z");
        outbox(shop, "20261125T100000.000Z-1003-delay_notice", OutboxKind.DELAY_NOTICE, OutboxStatus.SENT, "2026-11-25T10:00:00Z",
                "2026-11-25T10:00:01Z");
        outbox(shop, "20261125T110000.000Z-1004-delay_notice", OutboxKind.DELAY_NOTICE, OutboxStatus.PENDING, "2026-11-25T11:00:00Z", null);
        outbox(shop, "20261126T110000.000Z-ack-X", OutboxKind.ACK, OutboxStatus.SENT, "2026-11-26T11:00:00Z", "2026-11-26T11:00:01Z");
        List<String> requests = new CopyOnWriteArrayList<>();

        var days = counted(requests).delayNoticesSent(shop, THREE_DAYS, 10);

        assertEquals(List.of(List.of(new SentDelayNotice("1001", "email", Instant.parse("2026-11-24T07:00:00Z"))),
                List.of(new SentDelayNotice("1001", "email", Instant.parse("2026-11-25T10:00:01Z"))), List.of()), days);
        assertEquals(List.of("Query"), requests);
    }
}
