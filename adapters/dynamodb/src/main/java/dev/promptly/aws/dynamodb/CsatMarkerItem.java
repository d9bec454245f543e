package dev.promptly.aws.dynamodb;

import java.util.Locale;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * That a customer was sent a satisfaction survey ({@code CSATSENT#<hash of the address>}), until {@code expiresAt}
 * (epoch seconds: the shop's {@code min_days_between} later), and for which conversation — a later solve of the
 * same conversation may replace its waiting survey. Written with the survey, conditional on none being in force;
 * DynamoDB's TTL deletes it some time after it expired, so the condition also compares the expiry.
 */
public record CsatMarkerItem(String pk, String sk, String conversationId, Long expiresAt) implements TableItem {
    static final String SK_PREFIX = "CSATSENT#";

    public static final TableSchema<CsatMarkerItem> SCHEMA = ItemSchema.keyed(CsatMarkerItem.class, v -> new CsatMarkerItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("conversationId"), v.get(PromptlyTable.TTL)))
            .add(String.class, "conversationId", CsatMarkerItem::conversationId)
            .add(Long.class, PromptlyTable.TTL, CsatMarkerItem::expiresAt)
            .build();

    /** The key of the marker of {@code email} (any case): a hash, so the key names nobody. */
    static String sk(String email) {
        return SK_PREFIX + ConversationItems.digest(email.trim().toLowerCase(Locale.ROOT));
    }
}
