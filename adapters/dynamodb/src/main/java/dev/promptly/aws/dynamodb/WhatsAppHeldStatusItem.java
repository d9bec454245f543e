package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A WhatsApp status that arrived before the send it reports on was recorded:
 * {@code WAHELD#<hash of the wamid>#<state>} under the shop, {@code state} ({@code sent}, {@code delivered},
 * {@code read}, {@code failed}), the status's time {@code at}, the Cloud API {@code errorCode} of a failure,
 * {@code released} once whoever applies it has claimed it (a conditional update, which every function that
 * applies statuses may already make; the TTL removes the item), and its expiry (also the TTL). One item per
 * message id and state, so a redelivered status replaces itself; the hash keeps the id's statuses together
 * for one query when the send is recorded.
 */
public record WhatsAppHeldStatusItem(String pk, String sk, String state, String at, Integer errorCode, Boolean released, Long expiresAt)
        implements TableItem {
    static final String SK_PREFIX = "WAHELD#";

    public static final TableSchema<WhatsAppHeldStatusItem> SCHEMA = ItemSchema.keyed(WhatsAppHeldStatusItem.class,
                    v -> new WhatsAppHeldStatusItem(v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("state"), v.get("at"),
                            v.get("errorCode"), v.get("released"), v.get(PromptlyTable.TTL)))
            .add(String.class, "state", WhatsAppHeldStatusItem::state)
            .add(String.class, "at", WhatsAppHeldStatusItem::at)
            .add(Integer.class, "errorCode", WhatsAppHeldStatusItem::errorCode)
            .add(Boolean.class, "released", WhatsAppHeldStatusItem::released)
            .add(Long.class, PromptlyTable.TTL, WhatsAppHeldStatusItem::expiresAt)
            .build();

    /** The sort-key prefix of every status held for {@code wamid}. */
    static String prefix(String wamid) {
        return SK_PREFIX + ConversationItems.digest(wamid) + "#";
    }

    static String sk(String wamid, String state) {
        return prefix(wamid) + state;
    }
}
