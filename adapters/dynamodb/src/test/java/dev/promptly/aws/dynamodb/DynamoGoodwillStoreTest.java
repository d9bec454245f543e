package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.port.GoodwillStore.Budget;
import dev.promptly.app.port.GoodwillStore.GoodwillCode;
import dev.promptly.app.port.GoodwillStore.Reservation;
import dev.promptly.app.port.GoodwillStore.State;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.delay.DelayStage;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The goodwill store against DynamoDB Local: codes written once, the monthly budget never passed, failures given back. */
class DynamoGoodwillStoreTest {
    private static final String TABLE = "promptly-goodwill-store-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    private final DynamoDbClient client = DYNAMO.newClient();
    private final DynamoGoodwillStore store = new DynamoGoodwillStore(client, TABLE);
    private final ShopDomain shop = new ShopDomain("goodwill-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    private final Budget budget = new Budget("2026-12", 3, new BigDecimal("12.00"));

    private GoodwillCode code(String orderId, String amount) {
        return new GoodwillCode(shop, orderId, DelayStage.NOT_SHIPPED, "SORRY-" + orderId, null, new BigDecimal(amount), "EUR", null,
                new BigDecimal(amount), "2026-12", State.RESERVED, NOW, NOW.plus(Duration.ofMinutes(2)), NOW.plus(Duration.ofDays(30)), null, false);
    }

    @Test
    void aReservedCodeIsReadBackAndCountedInItsMonth() {
        assertEquals(Reservation.RESERVED, store.reserve(code("1", "5.00"), budget, 1_800_000_000L));

        GoodwillCode read = store.find(shop, "1", DelayStage.NOT_SHIPPED).orElseThrow();

        assertEquals(code("1", "5.00"), read);
        var used = store.used(shop, "2026-12");
        assertEquals(1, used.codes());
        assertEquals(0, new BigDecimal("5").compareTo(used.value()));
    }

    @Test
    void aSecondReservationForTheSameOrderAndStageWritesNothingAndCountsNothing() {
        store.reserve(code("1", "5.00"), budget, 1_800_000_000L);

        Reservation again = store.reserve(code("1", "5.00"), budget, 1_800_000_000L);

        assertEquals(Reservation.EXISTS, again);
        assertEquals(1, store.used(shop, "2026-12").codes());
    }

    @Test
    void concurrentReservationsNeverPassTheCountOrTheValueBudget() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reservation>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String orderId = "o" + i;
            results.add(pool.submit(() -> {
                start.await();
                return store.reserve(code(orderId, "5.00"), budget, 1_800_000_000L);
            }));
        }

        start.countDown();
        int reserved = 0;
        for (Future<Reservation> result : results) {
            reserved += result.get() == Reservation.RESERVED ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(2, reserved, "12.00 holds two codes of 5.00, not a third (the count would allow three)");
        var used = store.used(shop, "2026-12");
        assertEquals(2, used.codes());
        assertEquals(0, new BigDecimal("10").compareTo(used.value()));
    }

    @Test
    void aFailedCodeGivesItsBudgetBackOnce() {
        store.reserve(code("1", "5.00"), budget, 1_800_000_000L);

        store.failed(code("1", "5.00"), NOW);
        store.failed(code("1", "5.00"), NOW);

        assertEquals(State.FAILED, store.find(shop, "1", DelayStage.NOT_SHIPPED).orElseThrow().state());
        assertEquals(0, store.used(shop, "2026-12").codes());
        assertEquals(0, BigDecimal.ZERO.compareTo(store.used(shop, "2026-12").value()));
    }

    @Test
    void aCreatedCodeKeepsShopifysDiscountId() {
        store.reserve(code("1", "5.00"), budget, 1_800_000_000L);

        store.created(code("1", "5.00"), "gid://shopify/DiscountCodeNode/42", NOW);

        GoodwillCode read = store.find(shop, "1", DelayStage.NOT_SHIPPED).orElseThrow();
        assertEquals(State.CREATED, read.state());
        assertEquals("gid://shopify/DiscountCodeNode/42", read.discountId());
    }

    @Test
    void aReservationIsTakenOverOnlyAfterItsLeaseRanOut() {
        store.reserve(code("1", "5.00"), budget, 1_800_000_000L);

        boolean early = store.claim(code("1", "5.00"), NOW.plus(Duration.ofMinutes(1)), NOW.plus(Duration.ofMinutes(3)));
        boolean late = store.claim(code("1", "5.00"), NOW.plus(Duration.ofMinutes(2)).plusMillis(1), NOW.plus(Duration.ofMinutes(5)));
        boolean again = store.claim(code("1", "5.00"), NOW.plus(Duration.ofMinutes(3)), NOW.plus(Duration.ofMinutes(6)));

        assertFalse(early, "the scan that reserved it is still asking Shopify");
        assertTrue(late);
        assertFalse(again, "the scan that took it over holds it now");
    }

    @Test
    void theTeamIsToldOfAFailureOncePerOrderAndStage() {
        store.reserve(code("1", "5.00"), budget, 1_800_000_000L);

        boolean first = store.noteFailure(code("1", "5.00"), "http_503", note("n1"), 1_800_000_000L);
        boolean second = store.noteFailure(code("1", "5.00"), "timeout", note("n2"), 1_800_000_000L);

        assertTrue(first);
        assertFalse(second);
        assertTrue(store.find(shop, "1", DelayStage.NOT_SHIPPED).orElseThrow().teamNoted());
        assertEquals(List.of("n1"), new DynamoOutboxStore(client, TABLE).list(shop).stream().map(OutboxMessage::id).toList());
    }

    private OutboxMessage note(String id) {
        return new OutboxMessage(shop, id, OutboxKind.NOTE, "email", "support@shop.example", "Promptly <support@shop.example>", null,
                "Goodwill code failed", "text", null, Map.of(), null, "1", NOW, OutboxStatus.PENDING, NOW, 0, null, null, null);
    }
}
