package dev.promptly.aws.dynamodb;

import static dev.promptly.aws.dynamodb.OutboxItems.s;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.sla.Priority;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stored forms of a conversation's SLA event log ({@code SLAEVT#<conversation>#<at>#<suffix>}, sorted by
 * time), its alert markers ({@code SLAALERT#<conversation>#<clock>#<stage>}) and the digests of held
 * alerts ({@code SLADIGEST#<opening>} with its lines). The conversation item carries
 * {@link PromptlyTable#SLA_DUE_SHARD}/{@link PromptlyTable#SLA_DUE_AT} — its next checkpoint — only while
 * one is due, which puts it in the sparse {@code SlaDue} index the monitor queries.
 */
final class SlaItems {
    static final String EVENT = "SLAEVT#";
    static final String ALERT = "SLAALERT#";
    static final String DIGEST = "SLADIGEST#";
    static final String DIGEST_LINE = "#LINE#";
    /** One shard: checkpoints due in one minute are far below one partition's throughput. */
    static final String DUE_SHARD = "SLA";

    private SlaItems() {
    }

    static String eventPrefix(ConversationId conversation) {
        return EVENT + conversation.value() + "#";
    }

    static Map<String, AttributeValue> event(ShopDomain shop, ConversationId conversation, SlaEvent event, String suffix, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(ConversationItems.key(shop,
                eventPrefix(conversation) + PromptlyTable.sortable(event.at()) + "#" + suffix));
        item.put("type", s(event.type().wire()));
        item.put("at", s(event.at().toString()));
        if (event.priority() != null) {
            item.put("priority", s(event.priority().wire()));
        }
        if (event.tags() != null) {
            item.put("tags", AttributeValue.fromL(event.tags().stream().map(OutboxItems::s).toList()));
        }
        if (event.orderValue() != null) {
            item.put("orderValue", AttributeValue.fromN(event.orderValue().toPlainString()));
        }
        if (event.customerTags() != null) {
            item.put("customerTags", AttributeValue.fromL(event.customerTags().stream().map(OutboxItems::s).toList()));
        }
        item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        return item;
    }

    static SlaEvent event(Map<String, AttributeValue> item) {
        SlaEventType type = SlaEventType.fromWire(item.get("type").s()).orElseThrow();
        String priority = OutboxItems.string(item, "priority");
        AttributeValue value = item.get("orderValue");
        return new SlaEvent(type, Instant.parse(item.get("at").s()),
                priority == null ? null : Priority.fromWire(priority).orElseThrow(),
                strings(item.get("tags")), value == null ? null : new BigDecimal(value.n()), strings(item.get("customerTags")));
    }

    private static Set<String> strings(AttributeValue list) {
        return list == null ? null : Set.copyOf(list.l().stream().map(AttributeValue::s).toList());
    }

    /** {@code item} (a conversation) with its checkpoint in the sparse index, or without one. */
    static Map<String, AttributeValue> withCheckpoint(Map<String, AttributeValue> item, Optional<Instant> checkpoint) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.remove(PromptlyTable.SLA_DUE_SHARD);
        copy.remove(PromptlyTable.SLA_DUE_AT);
        checkpoint.ifPresent(at -> {
            copy.put(PromptlyTable.SLA_DUE_SHARD, s(DUE_SHARD));
            copy.put(PromptlyTable.SLA_DUE_AT, s(PromptlyTable.sortable(at)));
        });
        return copy;
    }

    static String alertKey(ConversationId conversation, String clockId, String stageKey) {
        return ALERT + conversation.value() + "#" + clockId + "#" + stageKey;
    }

    static String digestKey(Instant opening) {
        return DIGEST + PromptlyTable.sortable(opening);
    }

    static List<String> targetNames(Map<String, AttributeValue> line) {
        return line.get("targets").l().stream().map(AttributeValue::s).toList();
    }
}
