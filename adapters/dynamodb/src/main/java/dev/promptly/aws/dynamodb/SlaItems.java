package dev.promptly.aws.dynamodb;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.sla.Priority;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

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

    static SlaEventItem event(ShopDomain shop, ConversationId conversation, SlaEvent event, String suffix, long expiresAt) {
        return new SlaEventItem(shop.value(), eventPrefix(conversation) + PromptlyTable.sortable(event.at()) + "#" + suffix,
                event.type().wire(), event.at().toString(), event.priority() == null ? null : event.priority().wire(),
                event.tags() == null ? null : event.tags().stream().toList(), event.orderValue(),
                event.customerTags() == null ? null : event.customerTags().stream().toList(), expiresAt);
    }

    static SlaEvent event(SlaEventItem item) {
        SlaEventType type = SlaEventType.fromWire(item.type()).orElseThrow();
        return new SlaEvent(type, Instant.parse(item.at()),
                item.priority() == null ? null : Priority.fromWire(item.priority()).orElseThrow(),
                item.tags() == null ? null : Set.copyOf(item.tags()), item.orderValue(),
                item.customerTags() == null ? null : Set.copyOf(item.customerTags()));
    }

    /** {@code item} (a conversation) with its checkpoint in the sparse index, or without one. */
    static ConversationItem withCheckpoint(ConversationItem item, Optional<Instant> checkpoint) {
        return new ConversationItem(item.pk(), item.sk(), item.version(), item.status(), item.channel(), item.openedAt(),
                item.lastMessageAt(), item.orderId(), checkpoint.isPresent() ? DUE_SHARD : null,
                checkpoint.map(PromptlyTable::sortable).orElse(null), item.doc(), item.expiresAt());
    }

    static String alertKey(ConversationId conversation, String clockId, String stageKey) {
        return ALERT + conversation.value() + "#" + clockId + "#" + stageKey;
    }

    static String digestKey(Instant opening) {
        return DIGEST + PromptlyTable.sortable(opening);
    }
}
