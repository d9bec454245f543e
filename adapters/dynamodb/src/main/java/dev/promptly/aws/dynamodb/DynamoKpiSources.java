package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.KpiSources;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.ConversationFacts.AlertMarker;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link KpiSources} over the table: a day's conversations from the sparse {@code ConversationsByOpening} index (one
 * Query of a time range), alert stages by the prefix {@code SLAALERT#<conversation>#}, delay notices by the outbox's
 * sort-key range ({@code OUTBOX#<UTC creation time>-…}), an order's conversations by {@code ORDERCONV#<order>#}.
 */
public final class DynamoKpiSources implements KpiSources {
    /**
     * How long before its sending a notice may have been written: a notice waits for the shop's send window (at most
     * a night and a weekend), so its record is read from this much before the range sent in.
     */
    static final Duration NOTICE_HOLD = Duration.ofDays(4);
    /** The outbox ids' time prefix ({@code AutomaticMail#outboxId}), so a time range is a sort-key range. */
    private static final DateTimeFormatter OUTBOX_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** What counts as sent: delivered, or kept by the local runner in place of a mail server. */
    private static final Set<String> SENT = Set.of(OutboxStatus.SENT.wire(), OutboxStatus.CAPTURED.wire());

    private final DynamoDbIndex<OpeningKeyItem> openings;
    private final DynamoDbTable<SlaAlertItem> alerts;
    private final DynamoDbTable<OutboxItem> outbox;
    private final DynamoDbTable<PointerItem> pointers;

    public DynamoKpiSources(DynamoDbClient client, String tableName) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(Objects.requireNonNull(client, "client")).build();
        this.openings = enhanced.table(tableName, OpeningKeyItem.SCHEMA).index(PromptlyTable.CONVERSATIONS_BY_OPENING);
        this.alerts = enhanced.table(tableName, DeferredSchema.of(() -> SlaAlertItem.SCHEMA));
        this.outbox = enhanced.table(tableName, DeferredSchema.of(() -> OutboxItem.SCHEMA));
        this.pointers = enhanced.table(tableName, DeferredSchema.of(() -> PointerItem.SCHEMA));
    }

    @Override
    public List<ConversationId> conversationsOpened(ShopDomain shop, Instant from, Instant to, int limit) {
        List<ConversationId> ids = new ArrayList<>();
        if (!from.isBefore(to) || limit <= 0) {
            return ids;
        }
        // sortBetween is inclusive: the last nanosecond before `to` keeps the range half-open.
        QueryConditional range = between(shop, PromptlyTable.sortable(from), PromptlyTable.sortable(to.minusNanos(1)));
        for (var page : openings.query(QueryEnhancedRequest.builder().queryConditional(range).limit(Math.min(limit, 1000)).build())) {
            for (OpeningKeyItem item : page.items()) {
                if (ids.size() >= limit) {
                    return ids;
                }
                ids.add(new ConversationId(item.sk().substring(ConversationItems.CONVERSATION.length())));
            }
        }
        return ids;
    }

    @Override
    public List<AlertMarker> alerts(ShopDomain shop, ConversationId conversation) {
        String prefix = SlaItems.ALERT + conversation.value() + "#";
        List<AlertMarker> markers = new ArrayList<>();
        ShopPartition.forEachWithPrefix(alerts, shop, prefix, item -> {
            String rest = item.sk().substring(prefix.length());
            int hash = rest.indexOf('#');
            if (hash > 0) {
                markers.add(new AlertMarker(rest.substring(0, hash), rest.substring(hash + 1)));
            }
        });
        return markers;
    }

    @Override
    public List<SentDelayNotice> delayNoticesSent(ShopDomain shop, Instant from, Instant to, int limit) {
        List<SentDelayNotice> notices = new ArrayList<>();
        if (!from.isBefore(to) || limit <= 0) {
            return notices;
        }
        // Ids start with their UTC creation time to the millisecond: "OUTBOX#<to>" sorts before every id created at `to`.
        QueryConditional range = between(shop, OutboxItems.SK_PREFIX + OUTBOX_TIME.format(from.minus(NOTICE_HOLD)),
                OutboxItems.SK_PREFIX + OUTBOX_TIME.format(to));
        Expression kind = Expression.builder().expression("#kind = :kind").expressionNames(Map.of("#kind", "kind"))
                .expressionValues(Map.of(":kind", AttributeValue.fromS(OutboxKind.DELAY_NOTICE.wire()))).build();
        for (OutboxItem item : outbox.query(QueryEnhancedRequest.builder().queryConditional(range).filterExpression(kind).build()).items()) {
            if (!SENT.contains(item.status()) || item.orderId() == null) {
                continue;
            }
            Instant sentAt = Instant.parse(item.sentAt() != null ? item.sentAt() : item.createdAt());
            if (!sentAt.isBefore(from) && sentAt.isBefore(to)) {
                if (notices.size() >= limit) {
                    break;
                }
                notices.add(new SentDelayNotice(item.orderId(), item.channel(), sentAt));
            }
        }
        return notices;
    }

    @Override
    public List<ConversationId> conversationsAbout(ShopDomain shop, String orderId) {
        List<ConversationId> ids = new ArrayList<>();
        ShopPartition.forEachWithPrefix(pointers, shop, ConversationItems.ORDER_CONVERSATION + orderId + "#",
                item -> ids.add(new ConversationId(item.conversationId())));
        return ids;
    }

    /** The shop's sort keys from {@code first} to {@code last}, both inclusive. */
    private static QueryConditional between(ShopDomain shop, String first, String last) {
        return QueryConditional.sortBetween(Key.builder().partitionValue(shop.value()).sortValue(first).build(),
                Key.builder().partitionValue(shop.value()).sortValue(last).build());
    }

    /** SnapStart priming: one empty query of the index, reading nothing real. */
    public void prime() {
        conversationsOpened(new ShopDomain("priming.myshopify.com"), Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 1);
    }
}
