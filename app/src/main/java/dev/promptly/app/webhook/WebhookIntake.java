package dev.promptly.app.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.compliance.RawMailEraser;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import java.util.Map;
import dev.promptly.app.port.DataExportStore;
import dev.promptly.app.port.OrderStore;
import dev.promptly.app.port.OrderStore.StoredOrder;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.JsonProblem;
import dev.promptly.core.error.RetryLaterException;
import dev.promptly.core.error.UnknownShopException;
import dev.promptly.core.error.UnknownShops;
import dev.promptly.core.error.WebhookSignatureException;
import dev.promptly.core.shopify.CustomerPrivacyRequest;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.shopify.OrderChange;
import dev.promptly.core.shopify.OrderDocument;
import dev.promptly.core.shopify.OrderUpdates;
import dev.promptly.core.shopify.ShopifyHmac;
import dev.promptly.core.shopify.ShopifyPayloads;
import dev.promptly.core.shopify.WebhookTopic;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Receives one Shopify webhook: checks who sent it, then applies it to the stored order state exactly
 * once, however often and in whatever order Shopify delivers. The use case behind both the HTTPS route
 * and the EventBridge rule. Thread-safe.
 */
public final class WebhookIntake {
    /** Concurrent writers to one order retry after a short random pause; past this, the platform retries. */
    private static final int MAX_ATTEMPTS = 12;
    /** Shopify waits 5 s for an answer; a shop deletion stops in time to answer and finishes on redelivery. */
    private static final Duration SHOP_DELETION_BUDGET = Duration.ofMillis(3500);
    private static final java.util.regex.Pattern DELIVERY_ID = java.util.regex.Pattern.compile("[!-~]{1," + ShopifyPayloads.MAX_ID_LENGTH + "}");

    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final OrderStore orders;
    private final DataExportStore exports;
    private final ConversationStore conversations;
    private final RawMailEraser rawMail;
    private final Clock clock;
    private final DelayCheckSchedule delayChecks = new DelayCheckSchedule();
    /** The conversations' satisfaction surveys, for the data export; null: none are exported. */
    private final dev.promptly.app.port.CsatRatings surveys;

    /** @param rawMail deletes a redacted customer's raw mail where SES stored it */
    public WebhookIntake(PromptlyConfig config, SecretResolver secrets, OrderStore orders,
                         DataExportStore exports, ConversationStore conversations, RawMailEraser rawMail, Clock clock) {
        this(config, secrets, orders, exports, conversations, rawMail, clock, null);
    }

    /** With the satisfaction surveys, whose rating and comment a customer's data export includes. */
    public WebhookIntake(PromptlyConfig config, SecretResolver secrets, OrderStore orders, DataExportStore exports,
                         ConversationStore conversations, RawMailEraser rawMail, Clock clock, dev.promptly.app.port.CsatRatings surveys) {
        this.surveys = surveys;
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.exports = Objects.requireNonNull(exports, "exports");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.rawMail = Objects.requireNonNull(rawMail, "rawMail");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * SnapStart priming: one strongly consistent read of an order no shop has, so that the snapshot holds
     * the DynamoDB client's request path (table schema, marshalling, signing, HTTP) ready. Writes nothing.
     */
    public void prime() {
        config.shops().values().stream().findFirst().ifPresent(shop -> orders.load(shop.domain(), "0"));
    }

    /**
     * @throws InvalidInputException a missing header or malformed body (nothing written)
     * @throws WebhookSignatureException a missing or wrong HMAC, or an unknown shop, on an HTTPS delivery (nothing written)
     * @throws UnknownShopException the shop of an EventBridge delivery is not configured here (nothing written)
     * @throws RetryLaterException a shop deletion that continues on redelivery
     */
    public WebhookOutcome accept(WebhookDelivery delivery) {
        ShopDomain shop = ShopDomain.parse(delivery.shopDomain(), "X-Shopify-Shop-Domain");
        Optional<ShopConfig> configured = config.shop(shop);
        if (delivery.source() == WebhookDelivery.Source.HTTPS) {
            verifySignature(configured, delivery);
        }
        ShopConfig shopConfig = configured.orElseThrow(() -> new UnknownShopException(shop));
        if (delivery.topic() == null || delivery.topic().isBlank()) {
            throw new InvalidInputException("X-Shopify-Topic", "is required");
        }
        Optional<WebhookTopic> known = WebhookTopic.fromHeader(delivery.topic());
        if (known.isEmpty()) {
            return new WebhookOutcome("ignored", delivery.topic(), delivery.webhookId(), null, 0);
        }
        WebhookTopic topic = known.get();
        if (delivery.webhookId() == null || delivery.webhookId().isBlank()) {
            throw new InvalidInputException("X-Shopify-Webhook-Id", "is required");
        }
        requireId(delivery.webhookId(), "X-Shopify-Webhook-Id");
        String webhookId = delivery.webhookId();
        String dedupeKey = dedupeKey(delivery, topic);
        JsonNode body = parse(delivery.body());
        return switch (topic.kind()) {
            case ORDER -> {
                Order incoming = ShopifyPayloads.order(shop, body);
                yield applyToOrder(shopConfig, topic, webhookId, dedupeKey, incoming.orderId(),
                        stored -> OrderUpdates.applyOrder(stored, incoming));
            }
            case FULFILLMENT -> {
                var update = ShopifyPayloads.fulfillmentUpdate(body);
                yield applyToOrder(shopConfig, topic, webhookId, dedupeKey, update.orderId(),
                        stored -> OrderUpdates.applyFulfillment(stored, shop, update));
            }
            case FULFILLMENT_EVENT -> {
                var update = ShopifyPayloads.fulfillmentEvent(body);
                yield applyToOrder(shopConfig, topic, webhookId, dedupeKey, update.orderId(),
                        stored -> OrderUpdates.applyEvent(stored, shop, update));
            }
            case CUSTOMER_REDACT -> {
                var request = ShopifyPayloads.privacyRequest(shop, body, false);
                yield once(shopConfig, topic, webhookId, dedupeKey, () -> redactCustomer(shopConfig, topic, webhookId, request));
            }
            case CUSTOMER_DATA_REQUEST -> {
                var request = ShopifyPayloads.privacyRequest(shop, body, true);
                yield once(shopConfig, topic, webhookId, dedupeKey, () -> exportCustomer(shopConfig, topic, webhookId, request));
            }
            case SHOP_REDACT -> {
                ShopifyPayloads.shopRedaction(shop, body);
                yield once(shopConfig, topic, webhookId, dedupeKey, () -> deleteShop(shop, topic, webhookId));
            }
            case REFUND -> {
                var update = ShopifyPayloads.refundUpdate(body);
                yield applyToOrder(shopConfig, topic, webhookId, dedupeKey, update.orderId(),
                        stored -> OrderUpdates.applyRefund(stored, shop, update));
            }
        };
    }

    /** An unknown shop is refused like a wrong signature, after the same HMAC work (see {@link UnknownShops}). */
    private void verifySignature(Optional<ShopConfig> shop, WebhookDelivery delivery) {
        if (delivery.hmac() == null || delivery.hmac().isBlank()) {
            throw new WebhookSignatureException("X-Shopify-Hmac-Sha256: is required");
        }
        List<String> keys = new ArrayList<>(2);
        if (shop.isPresent()) {
            keys.add(secrets.resolve(shop.get().secrets().shopifyWebhook()));
            shop.get().secrets().previousShopifyWebhook().map(secrets::resolve).ifPresent(keys::add);
        } else {
            keys.add(UnknownShops.NO_SECRET);
        }
        if (!ShopifyHmac.matches(delivery.hmac(), delivery.body(), keys) || shop.isEmpty()) {
            throw new WebhookSignatureException("X-Shopify-Hmac-Sha256: does not match the body signed with the shop's webhook secret");
        }
    }

    /**
     * When the delay scan should next look at {@code order}: the next instant a delay rule could fire,
     * kept in the sparse {@code DelayDue} index so the scan reads only what is due (null: never, e.g.
     * delivered, cancelled, known only from a fulfillment, or notices switched off for the shop).
     */
    private Instant delayCheckAt(ShopConfig shop, Order order, Instant now) {
        return delayChecks.at(shop, order, now);
    }

    /**
     * The receipt's key: {@code X-Shopify-Event-Id} when Shopify sent one (the same on every webhook about
     * one event, so duplicates from several subscriptions are recognised too), else the webhook id. Keyed
     * per topic as well, so that two topics about one event never hide each other.
     */
    private static String dedupeKey(WebhookDelivery delivery, WebhookTopic topic) {
        if (delivery.eventId() == null || delivery.eventId().isBlank()) {
            return delivery.webhookId();
        }
        String eventId = delivery.eventId().trim();
        requireId(eventId, "X-Shopify-Event-Id");
        return "event:" + topic.wireName() + ":" + eventId;
    }

    /**
     * Runs a compliance effect once per delivery: a redelivered or replayed {@code customers/redact} or
     * {@code shop/redact} must not touch data written since (a re-installed shop's new orders). The
     * effects span many items and cannot share one transaction with the receipt, so the receipt is
     * written after the effect succeeded: a crash in between repeats an effect that is idempotent
     * (redacting or deleting twice changes nothing more), and a {@code shop/redact} that must continue
     * on redelivery ({@link RetryLaterException}) leaves no receipt behind. Written after the deletion,
     * the receipt of a {@code shop/redact} is the one item of the shop that remains, until its TTL.
     */
    private WebhookOutcome once(ShopConfig shop, WebhookTopic topic, String webhookId, String dedupeKey,
                                java.util.function.Supplier<WebhookOutcome> effect) {
        if (orders.receiptExists(shop.domain(), dedupeKey)) {
            return new WebhookOutcome("duplicate", topic.wireName(), webhookId, null, 0);
        }
        WebhookOutcome outcome = effect.get();
        orders.write(shop.domain(), new OrderStore.Receipt(dedupeKey, topic.wireName(), outcome.status(), clock.instant()),
                Optional.empty(), Optional.empty(), shop.retention().orderDays(), null);
        return outcome;
    }

    private WebhookOutcome applyToOrder(ShopConfig shop, WebhookTopic topic, String webhookId, String dedupeKey, String orderId,
                                        Function<Optional<Order>, OrderChange> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<StoredOrder> stored = orders.load(shop.domain(), orderId);
            OrderChange result = change.apply(stored.map(StoredOrder::order));
            String status = result.outcome().name().toLowerCase();
            var receipt = new OrderStore.Receipt(dedupeKey, topic.wireName(), status, clock.instant());
            var written = orders.write(shop.domain(), receipt,
                    result.changed() ? Optional.of(result.next()) : Optional.empty(),
                    stored.map(StoredOrder::version), shop.retention().orderDays(),
                    result.changed() ? delayCheckAt(shop, result.next(), receipt.receivedAt()) : null);
            switch (written) {
                case WRITTEN:
                    return new WebhookOutcome(status, topic.wireName(), webhookId, orderId, 0);
                case DUPLICATE_WEBHOOK:
                    return new WebhookOutcome("duplicate", topic.wireName(), webhookId, orderId, 0);
                case CONFLICT:
                    pauseBeforeRetry(attempt);
                    break;
                default:
                    throw new IllegalStateException("unexpected write result " + written);
            }
        }
        throw new IllegalStateException("order kept changing under concurrent webhooks; the delivery will be retried");
    }

    /**
     * Erases what names the customer, outside in: the raw copies of their mail, then every table item but
     * their orders (exports, conversations with everything attached, outbox records of every kind), and
     * their orders last. Orders and conversations are how the customer is found, so a failure part-way
     * leaves them findable and the redelivered webhook finishes the job (each step is idempotent).
     */
    private WebhookOutcome redactCustomer(ShopConfig shop, WebhookTopic topic, String webhookId, CustomerPrivacyRequest request) {
        List<StoredOrder> toRedact = customerOrders(shop.domain(), request);
        Set<String> orderIds = orderIds(toRedact);
        orderIds.addAll(request.orderIds());
        // One read of the shop's conversations serves both the mail deletion and the erasure.
        List<ConversationId> theirs = conversations.customerConversations(shop.domain(), c -> request.isAbout(c, orderIds)).stream()
                .map(Conversation::id).toList();
        conversations.rawMailIds(shop.domain(), theirs).forEach(rawMail::erase);
        exports.deleteForCustomer(shop.domain(), request.customerId());
        conversations.redactCustomer(shop.domain(), theirs, request.email(), request.phone(), orderIds);
        int redacted = 0;
        for (StoredOrder found : toRedact) {
            StoredOrder current = found;
            Instant now = clock.instant();
            for (int attempt = 1; ; attempt++) {
                Order next = current.order().redacted(now);
                if (next.equals(current.order()) || orders.replace(next, current.version(), now, shop.retention().orderDays(),
                        delayCheckAt(shop, next, now))) {
                    break;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("order kept changing during redaction; the delivery will be retried");
                }
                pauseBeforeRetry(attempt);
                Optional<StoredOrder> reloaded = orders.load(shop.domain(), current.order().orderId());
                if (reloaded.isEmpty()) {
                    break;
                }
                current = reloaded.get();
            }
            redacted++;
        }
        return new WebhookOutcome("redacted", topic.wireName(), webhookId, null, redacted);
    }

    private WebhookOutcome exportCustomer(ShopConfig shop, WebhookTopic topic, String webhookId, CustomerPrivacyRequest request) {
        Instant now = clock.instant();
        List<StoredOrder> found = customerOrders(shop.domain(), request);
        ObjectNode export = JsonTrees.object();
        export.put("data_request_id", request.requestId());
        export.put("shop", shop.domain().value());
        export.put("generated_at", now.toString());
        ObjectNode customer = export.putObject("customer");
        customer.put("id", request.customerId());
        customer.put("email", request.email());
        customer.put("phone", request.phone());
        var list = export.putArray("orders");
        found.forEach(o -> list.add(OrderDocument.toJson(o.order())));
        var threads = export.putArray("conversations");
        Set<String> orderIds = orderIds(found);
        for (Conversation conversation : conversations.customerConversations(shop.domain(), c -> request.isAbout(c, orderIds))) {
            ObjectNode thread = threads.addObject();
            thread.put("ticket", conversation.ticket());
            thread.put("channel", conversation.channel().wire());
            thread.put("status", conversation.status().wire());
            thread.put("subject", conversation.subject());
            thread.put("opened_at", conversation.createdAt().toString());
            var messages = thread.putArray("messages");
            conversations.messages(shop.domain(), conversation.id()).forEach(messages::add);
            if (surveys != null) {
                // The survey's rating and comment are the customer's data too (docs/csat.md#privacy).
                surveys.outcome(shop.domain(), conversation.id())
                        .ifPresent(survey -> thread.set("satisfaction_survey", dev.promptly.app.csat.CsatView.json(Optional.of(survey), true)));
            }
        }
        try {
            exports.put(shop.domain(), request.requestId(), request.customerId(), JsonTrees.writeString(export), now,
                    shop.retention().exportDays());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an export is always serialisable", e);
        }
        return new WebhookOutcome("exported", topic.wireName(), webhookId, null, found.size());
    }

    private WebhookOutcome deleteShop(ShopDomain shop, WebhookTopic topic, String webhookId) {
        Instant deadline = clock.instant().plus(SHOP_DELETION_BUDGET);
        if (!orders.deleteShop(shop, () -> clock.instant().isBefore(deadline))) {
            throw new RetryLaterException("shop/redact: deletion in progress, more remains; the redelivery continues it");
        }
        return new WebhookOutcome("deleted", topic.wireName(), webhookId, null, 0);
    }

    /**
     * The orders a privacy request is about: those Shopify lists in the request, and the orders found by
     * the customer's e-mail or phone that {@link CustomerPrivacyRequest#isAbout(Order)} says are theirs
     * (the phone only finds candidates; it never makes another customer's order theirs).
     */
    private List<StoredOrder> customerOrders(ShopDomain shop, CustomerPrivacyRequest request) {
        Map<String, StoredOrder> found = new LinkedHashMap<>();
        for (String orderId : request.orderIds()) {
            orders.load(shop, orderId).ifPresent(o -> found.put(orderId, o));
        }
        for (StoredOrder o : orders.findByContact(shop, request.email(), request.phone())) {
            if (request.isAbout(o.order())) {
                found.putIfAbsent(o.order().orderId(), o);
            }
        }
        return new ArrayList<>(found.values());
    }

    private static Set<String> orderIds(List<StoredOrder> orders) {
        Set<String> ids = new HashSet<>();
        orders.forEach(o -> ids.add(o.order().orderId()));
        return ids;
    }

    /** Delivery ids become sort keys: printable ASCII and short, else a 400 rather than a DynamoDB error. */
    private static void requireId(String id, String header) {
        if (!DELIVERY_ID.matcher(id).matches()) {
            throw new InvalidInputException(header, "must be at most " + ShopifyPayloads.MAX_ID_LENGTH + " printable ASCII characters");
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new InvalidInputException("body", "is empty; a JSON object is required");
        }
        try {
            JsonNode node = JsonTrees.read(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException("body", "is empty; a JSON object is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw JsonProblem.invalid("body", e, "malformed JSON at " + JsonProblem.position(e));
        } catch (IOException e) {
            throw new InvalidInputException("body", "unreadable: " + e.getClass().getSimpleName());
        }
    }

    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * Math.min(attempt, 5) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", e);
        }
    }
}
