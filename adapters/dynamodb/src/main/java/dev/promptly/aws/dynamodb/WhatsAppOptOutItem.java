package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A number's latest word on automatic WhatsApp messages: {@code WAOPTOUT#<hash of its digits>} under the
 * shop (the number itself is not stored), {@code optedOut} and when it changed.
 */
public record WhatsAppOptOutItem(String pk, String sk, boolean optedOut, String changedAt) implements TableItem {
    static final String SK_PREFIX = "WAOPTOUT#";

    public static final TableSchema<WhatsAppOptOutItem> SCHEMA = ItemSchema.keyed(WhatsAppOptOutItem.class, v -> new WhatsAppOptOutItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), Boolean.TRUE.equals(v.get("optedOut")), v.get("changedAt")))
            .add(Boolean.class, "optedOut", WhatsAppOptOutItem::optedOut)
            .add(String.class, "changedAt", WhatsAppOptOutItem::changedAt)
            .build();

    /** The sort key of the opt-out of the number with these digits. */
    static String sk(String digits) {
        return SK_PREFIX + ConversationItems.digest("phone:" + java.util.Objects.requireNonNull(digits, "digits"));
    }
}
