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
        return from.isBefore(to) ? conversationsOpened(shop, List.of(from, to), limit).get(0) : new ArrayList<>();
    }

    /**
     * One Query of the index from the first bound to the last, each entry counted in its range; a range that fills up
     * ends the Query, and a new one starts at the next range, so no range reads past its limit more than a page.
     */
    @Override
    public List<List<ConversationId>> conversationsOpened(ShopDomain shop, List<Instant> bounds, int limit) {
        List<String> keys = ascending(bounds).stream().map(PromptlyTable::sortable).toList();
        List<List<ConversationId>> ranges = emptyRanges(bounds.size() - 1);
        int start = 0;
        while (limit > 0 && start < ranges.size()) {
            start = readOpenings(shop, bounds, keys, start, limit, ranges);
        }
        return ranges;
    }

    /** Reads ranges {@code start} to the last; answers the range to read again from (after one that filled), or the end. */
    private int readOpenings(ShopDomain shop, List<Instant> bounds, List<String> keys, int start, int limit, List<List<ConversationId>> ranges) {
        // sortBetween is inclusive: the last nanosecond before the last bound keeps the range half-open.
        QueryConditional range = between(shop, keys.get(start), PromptlyTable.sortable(bounds.get(bounds.size() - 1).minusNanos(1)));
        int r = start;
        for (var page : openings.query(QueryEnhancedRequest.builder().queryConditional(range).limit(Math.min(limit, 1000)).build())) {
            for (OpeningKeyItem item : page.items()) {
                // Fixed-width timestamps: the strings sort as the instants do.
                while (item.openingAt().compareTo(keys.get(r + 1)) >= 0) {
                    r++;
                }
                if (ranges.get(r).size() >= limit) {
                    return r + 1;
                }
                ranges.get(r).add(new ConversationId(item.sk().substring(ConversationItems.CONVERSATION.length())));
            }
        }
        return ranges.size();
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
        return from.isBefore(to) ? delayNoticesSent(shop, List.of(from, to), limit).get(0) : new ArrayList<>();
    }

    /**
     * One Query of the outbox records written from {@link #NOTICE_HOLD} before the first bound to the last bound; a
     * notice counts in the range it was sent in when it was written from {@code NOTICE_HOLD} before that range to the
     * range's end, as a Query of that range alone would have read it.
     */
    @Override
    public List<List<SentDelayNotice>> delayNoticesSent(ShopDomain shop, List<Instant> bounds, int limit) {
        List<List<SentDelayNotice>> ranges = emptyRanges(ascending(bounds).size() - 1);
        if (limit <= 0 || ranges.isEmpty()) {
            return ranges;
        }
        // Ids start with their UTC creation time to the millisecond: "OUTBOX#<to>" sorts before every id created at `to`.
        List<String> written = bounds.stream().map(b -> OutboxItems.SK_PREFIX + OUTBOX_TIME.format(b.minus(NOTICE_HOLD))).toList();
        List<String> ends = bounds.stream().map(b -> OutboxItems.SK_PREFIX + OUTBOX_TIME.format(b)).toList();
        QueryConditional range = between(shop, written.get(0), ends.get(ends.size() - 1));
        Expression kind = Expression.builder().expression("#kind = :kind").expressionNames(Map.of("#kind", "kind"))
                .expressionValues(Map.of(":kind", AttributeValue.fromS(OutboxKind.DELAY_NOTICE.wire()))).build();
        for (OutboxItem item : outbox.query(QueryEnhancedRequest.builder().queryConditional(range).filterExpression(kind).build()).items()) {
            if (!SENT.contains(item.status()) || item.orderId() == null) {
                continue;
            }
            Instant sentAt = Instant.parse(item.sentAt() != null ? item.sentAt() : item.createdAt());
            int r = 0;
            while (r < ranges.size() && !sentAt.isBefore(bounds.get(r + 1))) {
                r++;
            }
            if (r < ranges.size() && !sentAt.isBefore(bounds.get(r)) && item.sk().compareTo(written.get(r)) >= 0
                    && item.sk().compareTo(ends.get(r + 1)) <= 0 && ranges.get(r).size() < limit) {
                ranges.get(r).add(new SentDelayNotice(item.orderId(), item.channel(), sentAt));
            }
        }
        return ranges;
    }

    @Override
    public List<ConversationId> conversationsAbout(ShopDomain shop, String orderId) {
        List<ConversationId> ids = new ArrayList<>();
        ShopPartition.forEachWithPrefix(pointers, shop, ConversationItems.ORDER_CONVERSATION + orderId + "#",
                item -> ids.add(new ConversationId(item.conversationId())));
        return ids;
    }

    private static List<Instant> ascending(List<Instant> bounds) {
        for (int i = 0; i + 1 < bounds.size(); i++) {
            if (!bounds.get(i).isBefore(bounds.get(i + 1))) {
                throw new IllegalArgumentException("range bounds must be strictly ascending: " + bounds);
            }
        }
        return bounds;
    }

    private static <T> List<List<T>> emptyRanges(int count) {
        List<List<T>> ranges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ranges.add(new ArrayList<>());
        }
        return ranges;
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
