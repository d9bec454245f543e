package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pins the stored layout of every item record: the attribute map its schema writes (names, types, text
 * forms) is the one written before the records existed, so stored data keeps reading; and reading that map
 * gives the record back. Null attributes are left out, as the enhanced client's put does.
 */
class ItemLayoutTest {

    @Test
    void anOrderIsStoredWithItsKeysIndexAttributesAndDocument() {
        var order = new OrderItem("shop.myshopify.com", "ORDER#1001", 3L, "2026-11-25T10:00:00Z", "2026-11-24T09:00:00Z",
                "shop.myshopify.com#a@example.com", "shop.myshopify.com#+49301234", "shop.myshopify.com##1001", "DELAY",
                "2026-11-26T10:00:00.000000000Z", "{\"id\":\"1001\"}", 1_800_000_000L);

        assertLayout(OrderItem.SCHEMA, order, Map.ofEntries(
                Map.entry("pk", s("shop.myshopify.com")), Map.entry("sk", s("ORDER#1001")), Map.entry("version", n("3")),
                Map.entry("orderUpdatedAt", s("2026-11-25T10:00:00Z")), Map.entry("createdAt", s("2026-11-24T09:00:00Z")),
                Map.entry("orderEmailKey", s("shop.myshopify.com#a@example.com")),
                Map.entry("orderPhoneKey", s("shop.myshopify.com#+49301234")), Map.entry("orderNameKey", s("shop.myshopify.com##1001")),
                Map.entry("delayDueShard", s("DELAY")), Map.entry("delayDueAt", s("2026-11-26T10:00:00.000000000Z")),
                Map.entry("doc", s("{\"id\":\"1001\"}")), Map.entry("expiresAt", n("1800000000"))));
    }

    @Test
    void anOrderWithoutContactsOrDueCheckLeavesTheIndexAttributesOut() {
        var order = new OrderItem("shop.myshopify.com", "ORDER#1002", 1L, null, null, null, null, null, null, null, "{}", 1_800_000_000L);

        assertLayout(OrderItem.SCHEMA, order, Map.of("pk", s("shop.myshopify.com"), "sk", s("ORDER#1002"), "version", n("1"),
                "doc", s("{}"), "expiresAt", n("1800000000")));
    }

    @Test
    void aWebhookReceiptIsStoredWithItsTopicOutcomeAndExpiry() {
        var receipt = new WebhookReceiptItem("shop.myshopify.com", "WEBHOOK#b54557e4", "orders/updated", "applied",
                "2026-11-25T10:00:00Z", 1_764_669_600L);

        assertLayout(WebhookReceiptItem.SCHEMA, receipt, Map.of("pk", s("shop.myshopify.com"), "sk", s("WEBHOOK#b54557e4"),
                "topic", s("orders/updated"), "outcome", s("applied"), "receivedAt", s("2026-11-25T10:00:00Z"),
                "expiresAt", n("1764669600")));
    }

    @Test
    void aSmallDataExportIsOneItemHoldingTheGzipBytes() {
        var bytes = software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {31, -117, 8, 0});
        var export = new DataExportItem("shop.myshopify.com", "EXPORT#r1", "c7", "2026-11-25T10:00:00Z", bytes, null, null, 1_766_000_000L);

        assertLayout(DataExportItem.SCHEMA, export, Map.of("pk", s("shop.myshopify.com"), "sk", s("EXPORT#r1"), "customerId", s("c7"),
                "requestedAt", s("2026-11-25T10:00:00Z"), "docGzip", AttributeValue.fromB(bytes), "expiresAt", n("1766000000")));
    }

    @Test
    void aLargeDataExportHeadNamesItsPartsAndGeneration() {
        var head = new DataExportItem("shop.myshopify.com", "EXPORT#r2", "c7", "2026-11-25T10:00:00Z", null, 3, "gen", 1_766_000_000L);

        assertLayout(DataExportItem.SCHEMA, head, Map.of("pk", s("shop.myshopify.com"), "sk", s("EXPORT#r2"), "customerId", s("c7"),
                "requestedAt", s("2026-11-25T10:00:00Z"), "parts", n("3"), "generation", s("gen"), "expiresAt", n("1766000000")));
    }

    @Test
    void aPendingOutboxRecordCarriesItsDueIndexAttributesAndDocument() {
        var item = new OutboxItem("shop.myshopify.com", "OUTBOX#o1", "ack", "pending", "email", "2026-11-25T10:00:00Z", 0, "conv1", "1001",
                "OUTBOX", "2026-11-25T10:00:00.000000000Z", null, null, null, null, "{\"to\":\"a@example.com\"}", 1_766_000_000L);

        assertLayout(OutboxItem.SCHEMA, item, Map.ofEntries(Map.entry("pk", s("shop.myshopify.com")), Map.entry("sk", s("OUTBOX#o1")),
                Map.entry("kind", s("ack")), Map.entry("status", s("pending")), Map.entry("channel", s("email")),
                Map.entry("createdAt", s("2026-11-25T10:00:00Z")), Map.entry("attempts", n("0")), Map.entry("conversationId", s("conv1")),
                Map.entry("orderId", s("1001")), Map.entry("outboxDueShard", s("OUTBOX")),
                Map.entry("outboxDueAt", s("2026-11-25T10:00:00.000000000Z")), Map.entry("doc", s("{\"to\":\"a@example.com\"}")),
                Map.entry("expiresAt", n("1766000000"))));
    }

    @Test
    void aSentOutboxRecordCarriesItsLeaseSendingTimeAndProviderId() {
        var item = new OutboxItem("shop.myshopify.com", "OUTBOX#o2", "ack", "sent", "email", "2026-11-25T10:00:00Z", 2, null, null,
                null, null, "2026-11-25T10:05:00.000000000Z", "2026-11-25T10:01:00Z", "timeout", "ses-1", "{}", 1_766_000_000L);

        assertLayout(OutboxItem.SCHEMA, item, Map.ofEntries(Map.entry("pk", s("shop.myshopify.com")), Map.entry("sk", s("OUTBOX#o2")),
                Map.entry("kind", s("ack")), Map.entry("status", s("sent")), Map.entry("channel", s("email")),
                Map.entry("createdAt", s("2026-11-25T10:00:00Z")), Map.entry("attempts", n("2")),
                Map.entry("leaseUntil", s("2026-11-25T10:05:00.000000000Z")), Map.entry("sentAt", s("2026-11-25T10:01:00Z")),
                Map.entry("lastError", s("timeout")), Map.entry("providerMessageId", s("ses-1")), Map.entry("doc", s("{}")),
                Map.entry("expiresAt", n("1766000000"))));
    }

    @Test
    void aDeliveryOutcomeNamesTheAttributesItRewritesUnderTheOutboxRecordsNames() {
        var outcome = new OutboxOutcomeItem("shop.myshopify.com", "OUTBOX#o1", "pending", "timeout", null, null, null, "OUTBOX",
                "2026-11-25T10:10:00.000000000Z", null, null);

        assertLayout(OutboxOutcomeItem.SCHEMA, outcome, Map.of("pk", s("shop.myshopify.com"), "sk", s("OUTBOX#o1"), "status", s("pending"),
                "lastError", s("timeout"), "outboxDueShard", s("OUTBOX"), "outboxDueAt", s("2026-11-25T10:10:00.000000000Z")));
    }

    @Test
    void dueIndexEntriesAreReadUnderEachIndexsOwnAttributeNames() {
        var entry = new DueKeyItem("shop.myshopify.com", "CONV#c1", "SLA", "2026-11-25T10:00:00.000000000Z");

        assertLayout(DueKeyItem.SLA_DUE, entry, Map.of("pk", s("shop.myshopify.com"), "sk", s("CONV#c1"), "slaDueShard", s("SLA"),
                "slaDueAt", s("2026-11-25T10:00:00.000000000Z")));
        assertLayout(DueKeyItem.DELAY_DUE, entry, Map.of("pk", s("shop.myshopify.com"), "sk", s("CONV#c1"), "delayDueShard", s("SLA"),
                "delayDueAt", s("2026-11-25T10:00:00.000000000Z")));
        assertLayout(DueKeyItem.OUTBOX_DUE, entry, Map.of("pk", s("shop.myshopify.com"), "sk", s("CONV#c1"), "outboxDueShard", s("SLA"),
                "outboxDueAt", s("2026-11-25T10:00:00.000000000Z")));
    }

    @Test
    void aDelayNoticeDecisionIsStoredWithItsTimeOutcomeAndOutboxRecord() {
        var notice = new DelayNoticeItem("shop.myshopify.com", "DELAY#1001#first", "2026-11-25T10:00:00Z", "notice", "o1", 1_766_000_000L);

        assertLayout(DelayNoticeItem.SCHEMA, notice, Map.of("pk", s("shop.myshopify.com"), "sk", s("DELAY#1001#first"),
                "decidedAt", s("2026-11-25T10:00:00Z"), "outcome", s("notice"), "outboxId", s("o1"), "expiresAt", n("1766000000")));
    }

    @Test
    void aMarkerIsItsKeyAndExpiryOnly() {
        assertLayout(MarkerItem.SCHEMA, new MarkerItem("shop.myshopify.com", "ALERT#DELAYBREAKER#2026-11-25", 1_766_000_000L),
                Map.of("pk", s("shop.myshopify.com"), "sk", s("ALERT#DELAYBREAKER#2026-11-25"), "expiresAt", n("1766000000")));
    }

    @Test
    void aBreakerReleaseIsStoredWithItsTime() {
        var release = new BreakerReleaseItem("shop.myshopify.com", "DELAYBREAKER#RELEASE", "2026-11-25T10:00:00Z", 1_766_000_000L);

        assertLayout(BreakerReleaseItem.SCHEMA, release, Map.of("pk", s("shop.myshopify.com"), "sk", s("DELAYBREAKER#RELEASE"),
                "releasedAt", s("2026-11-25T10:00:00Z"), "expiresAt", n("1766000000")));
    }

    @Test
    void anOrdersDelayCheckIsWrittenUnderTheOrdersIndexAttributeNames() {
        var check = new OrderDelayCheckItem("shop.myshopify.com", "ORDER#1001", "DELAY", "2026-11-26T10:00:00.000000000Z");

        assertLayout(OrderDelayCheckItem.SCHEMA, check, Map.of("pk", s("shop.myshopify.com"), "sk", s("ORDER#1001"),
                "delayDueShard", s("DELAY"), "delayDueAt", s("2026-11-26T10:00:00.000000000Z")));
    }

    @Test
    void aConversationIsStoredWithItsVersionTimesCheckpointOpeningIndexKeysAndDocument() {
        var item = new ConversationItem("shop.myshopify.com", "CONV#c1", 2L, "open", "email", "2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z",
                "1001", "SLA", "2026-11-25T12:00:00.000000000Z", "{\"language\":\"en\"}", 1_766_000_000L);

        assertLayout(ConversationItem.SCHEMA, item, Map.ofEntries(Map.entry("pk", s("shop.myshopify.com")), Map.entry("sk", s("CONV#c1")),
                Map.entry("version", n("2")), Map.entry("status", s("open")), Map.entry("channel", s("email")),
                Map.entry("openedAt", s("2026-11-25T10:00:00Z")), Map.entry("lastMessageAt", s("2026-11-25T11:00:00Z")),
                Map.entry("orderId", s("1001")), Map.entry("slaDueShard", s("SLA")), Map.entry("slaDueAt", s("2026-11-25T12:00:00.000000000Z")),
                Map.entry("openingShop", s("shop.myshopify.com")), Map.entry("openingAt", s("2026-11-25T10:00:00.000000000Z")),
                Map.entry("doc", s("{\"language\":\"en\"}")), Map.entry("expiresAt", n("1766000000"))));
    }

    @Test
    void aConversationsCheckpointIsWrittenUnderTheConversationsIndexAttributeNames() {
        var checkpoint = new ConversationCheckpointItem("shop.myshopify.com", "CONV#c1", "SLA", "2026-11-25T12:00:00.000000000Z");

        assertLayout(ConversationCheckpointItem.SCHEMA, checkpoint, Map.of("pk", s("shop.myshopify.com"), "sk", s("CONV#c1"),
                "slaDueShard", s("SLA"), "slaDueAt", s("2026-11-25T12:00:00.000000000Z")));
    }

    @Test
    void aMessageIsStoredWithItsConversationDirectionRawMailIdAndDocument() {
        var item = new MessageItem("shop.myshopify.com", "MSG#c1#2026-11-25T10:00:00Z#abcdefgh", "c1", "in", "2026-11-25T10:00:00Z",
                "ses-42", "{\"subject\":\"Hi\"}", 1_766_000_000L);

        assertLayout(MessageItem.SCHEMA, item, Map.of("pk", s("shop.myshopify.com"), "sk", s("MSG#c1#2026-11-25T10:00:00Z#abcdefgh"),
                "conversationId", s("c1"), "direction", s("in"), "receivedAt", s("2026-11-25T10:00:00Z"), "rawMailId", s("ses-42"),
                "doc", s("{\"subject\":\"Hi\"}"), "expiresAt", n("1766000000")));
    }

    @Test
    void aPointerNamesItsConversationAndDirection() {
        assertLayout(PointerItem.SCHEMA, new PointerItem("shop.myshopify.com", "MSGID#hash", "c1", "out", 1_766_000_000L),
                Map.of("pk", s("shop.myshopify.com"), "sk", s("MSGID#hash"), "conversationId", s("c1"), "direction", s("out"),
                        "expiresAt", n("1766000000")));
    }

    @Test
    void anAcknowledgementDecisionIsStoredWithItsReasonAndOutboxRecord() {
        var ack = new AckItem("shop.myshopify.com", "ACK#c1", "skipped", "2026-11-25T10:00:00Z", "loop", "o1", 1_766_000_000L);

        assertLayout(AckItem.SCHEMA, ack, Map.of("pk", s("shop.myshopify.com"), "sk", s("ACK#c1"), "outcome", s("skipped"),
                "decidedAt", s("2026-11-25T10:00:00Z"), "reason", s("loop"), "outboxId", s("o1"), "expiresAt", n("1766000000")));
    }

    @Test
    void anSlaEventKeepsItsTagsAsListsAndItsOrderValueInPlainNotation() {
        var event = new SlaEventItem("shop.myshopify.com", "SLAEVT#c1#2026-11-25T10:00:00.000000000Z#m1-0", "customer_message",
                "2026-11-25T10:00:00Z", "high", List.of("vip"), new BigDecimal("1E+3"), List.of(), 1_766_000_000L);

        Map<String, AttributeValue> written = SlaEventItem.SCHEMA.itemToMap(event, true);

        assertEquals(Map.of("pk", s("shop.myshopify.com"), "sk", s("SLAEVT#c1#2026-11-25T10:00:00.000000000Z#m1-0"),
                "type", s("customer_message"), "at", s("2026-11-25T10:00:00Z"), "priority", s("high"), "tags", AttributeValue.fromL(List.of(s("vip"))),
                "orderValue", n("1000"), "customerTags", AttributeValue.fromL(List.of()), "expiresAt", n("1766000000")), written);
        assertEquals(0, new BigDecimal("1000").compareTo(SlaEventItem.SCHEMA.mapToItem(written).orderValue()));
    }

    @Test
    void anSlaAlertMarkerNamesItsOutcomeAndConversation() {
        assertLayout(SlaAlertItem.SCHEMA, new SlaAlertItem("shop.myshopify.com", "SLAALERT#c1#first#warn", "digest", "c1", 1_766_000_000L),
                Map.of("pk", s("shop.myshopify.com"), "sk", s("SLAALERT#c1#first#warn"), "outcome", s("digest"), "conversationId", s("c1"),
                        "expiresAt", n("1766000000")));
    }

    @Test
    void aDigestLineKeepsItsTargetsAsAList() {
        var line = new DigestLineItem("shop.myshopify.com", "SLADIGEST#x#LINE#c1#first#warn", List.of("team", "lead"), "Ticket c1 waits",
                "c1", 1_766_000_000L);

        assertLayout(DigestLineItem.SCHEMA, line, Map.of("pk", s("shop.myshopify.com"), "sk", s("SLADIGEST#x#LINE#c1#first#warn"),
                "targets", AttributeValue.fromL(List.of(s("team"), s("lead"))), "line", s("Ticket c1 waits"), "conversationId", s("c1"),
                "expiresAt", n("1766000000")));
    }

    @Test
    void aKpiDayKeepsItsSlicesAsOneDocument() {
        var day = new KpiDayItem("shop.myshopify.com", "KPIDAY#2026-12-07", "2026-12-08T01:00:00Z", "{\"slices\":[]}", 1_830_000_000L);

        assertLayout(KpiDayItem.SCHEMA, day, Map.of("pk", s("shop.myshopify.com"), "sk", s("KPIDAY#2026-12-07"),
                "computedAt", s("2026-12-08T01:00:00Z"), "doc", s("{\"slices\":[]}"), "expiresAt", n("1830000000")));
    }

    @Test
    void aRatedSurveyKeepsItsRatingAndComment() {
        var survey = new CsatItem("shop.myshopify.com", "CSAT#c1", "c1", "2026-12-07T10:00:00Z", 4, "2026-12-07T11:00:00Z", "Quick", 1_830_000_000L);

        assertLayout(CsatItem.SCHEMA, survey, Map.of("pk", s("shop.myshopify.com"), "sk", s("CSAT#c1"), "conversationId", s("c1"),
                "surveySentAt", s("2026-12-07T10:00:00Z"), "rating", n("4"), "ratedAt", s("2026-12-07T11:00:00Z"), "comment", s("Quick"),
                "expiresAt", n("1830000000")));
    }

    @Test
    void aGoodwillCodeIsStoredWithItsValueStateLeaseAndBudgetMonth() {
        var code = new GoodwillCodeItem("shop.myshopify.com", "GOODWILL#1001#not_shipped", "SORRY-7KQ2M4XD", "created", null, "5.00", "EUR",
                "20.00", "5.00", "2026-12", "2026-12-07T08:00:00Z", "2026-12-07T08:02:00.000000000Z", "2027-01-06T08:00:00Z",
                "gid://shopify/DiscountCodeNode/42", null, null, "2026-12-07T08:00:01Z", 1_766_000_000L);

        assertLayout(GoodwillCodeItem.SCHEMA, code, Map.ofEntries(Map.entry("pk", s("shop.myshopify.com")),
                Map.entry("sk", s("GOODWILL#1001#not_shipped")), Map.entry("code", s("SORRY-7KQ2M4XD")), Map.entry("state", s("created")),
                Map.entry("amount", s("5.00")), Map.entry("currency", s("EUR")), Map.entry("minimum", s("20.00")),
                Map.entry("budgetValue", s("5.00")), Map.entry("month", s("2026-12")), Map.entry("reservedAt", s("2026-12-07T08:00:00Z")),
                Map.entry("leaseUntil", s("2026-12-07T08:02:00.000000000Z")), Map.entry("endsAt", s("2027-01-06T08:00:00Z")),
                Map.entry("discountId", s("gid://shopify/DiscountCodeNode/42")), Map.entry("updatedAt", s("2026-12-07T08:00:01Z")),
                Map.entry("expiresAt", n("1766000000"))));
    }

    @Test
    void aGoodwillBudgetCountsCodesAndTheirValueInPlainNotation() {
        var budget = new GoodwillBudgetItem("shop.myshopify.com", "GOODWILLBUDGET#2026-12", 3L, new BigDecimal("15.5"), 1_800_000_000L);

        assertLayout(GoodwillBudgetItem.SCHEMA, budget, Map.of("pk", s("shop.myshopify.com"), "sk", s("GOODWILLBUDGET#2026-12"),
                "codes", n("3"), "value", n("15.5"), "expiresAt", n("1800000000")));
    }

    @Test
    void aHeldWhatsAppStatusKeepsItsStateTimeErrorCodeAndExpiry() {
        var failed = new WhatsAppHeldStatusItem("shop.myshopify.com", "WAHELD#h1#failed", "failed", "2026-11-25T10:00:00Z", 131000,
                null, 1_764_064_800L);

        assertLayout(WhatsAppHeldStatusItem.SCHEMA, failed, Map.of("pk", s("shop.myshopify.com"), "sk", s("WAHELD#h1#failed"),
                "state", s("failed"), "at", s("2026-11-25T10:00:00Z"), "errorCode", n("131000"), "expiresAt", n("1764064800")));
    }

    @Test
    void aReleasedHeldWhatsAppDeliveryIsMarkedAndLeavesTheErrorCodeOut() {
        var delivered = new WhatsAppHeldStatusItem("shop.myshopify.com", "WAHELD#h1#delivered", "delivered", "2026-11-25T10:00:00Z", null,
                true, 1_764_064_800L);

        assertLayout(WhatsAppHeldStatusItem.SCHEMA, delivered, Map.of("pk", s("shop.myshopify.com"), "sk", s("WAHELD#h1#delivered"),
                "state", s("delivered"), "at", s("2026-11-25T10:00:00Z"), "released", AttributeValue.fromBool(true),
                "expiresAt", n("1764064800")));
    }

    /** Asserts that {@code item} is written as {@code stored} and that reading {@code stored} gives {@code item} back. */
    static <T> void assertLayout(TableSchema<T> schema, T item, Map<String, AttributeValue> stored) {
        Map<String, AttributeValue> written = schema.itemToMap(item, true);

        T read = schema.mapToItem(stored);

        assertEquals(stored, written, "the attributes written");
        assertEquals(item, read, "the record read back");
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
