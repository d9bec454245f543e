package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A conversation's satisfaction survey ({@code CSAT#<conversation id>}): when it was queued, and once the customer
 * clicked, the rating (1–5), when, and the optional comment (personal data: never logged).
 */
public record CsatItem(String pk, String sk, String conversationId, String surveySentAt, Integer rating, String ratedAt, String comment,
                       Long expiresAt) implements TableItem {
    static final String SK_PREFIX = "CSAT#";

    public static final TableSchema<CsatItem> SCHEMA = ItemSchema.keyed(CsatItem.class, v -> new CsatItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("conversationId"), v.get("surveySentAt"), v.get("rating"),
                    v.get("ratedAt"), v.get("comment"), v.get(PromptlyTable.TTL)))
            .add(String.class, "conversationId", CsatItem::conversationId)
            .add(String.class, "surveySentAt", CsatItem::surveySentAt)
            .add(Integer.class, "rating", CsatItem::rating)
            .add(String.class, "ratedAt", CsatItem::ratedAt)
            .add(String.class, "comment", CsatItem::comment)
            .add(Long.class, PromptlyTable.TTL, CsatItem::expiresAt)
            .build();

    static String sk(dev.promptly.core.message.ConversationId conversation) {
        return SK_PREFIX + conversation.value();
    }
}
