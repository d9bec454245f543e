package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A conversation's satisfaction survey ({@code CSAT#<conversation id>}): when it was queued, and once the customer
 * clicked, the rating (1–5), when, and the optional comment (personal data: never logged). {@code solvedAt} is the
 * solve the survey asks about and {@code surveyDueAt} when its mail goes out (null on items written without them).
 */
public record CsatItem(String pk, String sk, String conversationId, String surveySentAt, Integer rating, String ratedAt, String comment,
                       Long expiresAt, String solvedAt, String surveyDueAt) implements TableItem {
    static final String SK_PREFIX = "CSAT#";

    /** An item without the solve and due time (a fixture of a survey as read models see it). */
    public CsatItem(String pk, String sk, String conversationId, String surveySentAt, Integer rating, String ratedAt, String comment,
                    Long expiresAt) {
        this(pk, sk, conversationId, surveySentAt, rating, ratedAt, comment, expiresAt, null, null);
    }

    public static final TableSchema<CsatItem> SCHEMA = ItemSchema.keyed(CsatItem.class, v -> new CsatItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("conversationId"), v.get("surveySentAt"), v.get("rating"),
                    v.get("ratedAt"), v.get("comment"), v.get(PromptlyTable.TTL), v.get("solvedAt"), v.get("surveyDueAt")))
            .add(String.class, "conversationId", CsatItem::conversationId)
            .add(String.class, "surveySentAt", CsatItem::surveySentAt)
            .add(Integer.class, "rating", CsatItem::rating)
            .add(String.class, "ratedAt", CsatItem::ratedAt)
            .add(String.class, "comment", CsatItem::comment)
            .add(Long.class, PromptlyTable.TTL, CsatItem::expiresAt)
            .add(String.class, "solvedAt", CsatItem::solvedAt)
            .add(String.class, "surveyDueAt", CsatItem::surveyDueAt)
            .build();

    static String sk(dev.promptly.core.message.ConversationId conversation) {
        return SK_PREFIX + conversation.value();
    }
}
