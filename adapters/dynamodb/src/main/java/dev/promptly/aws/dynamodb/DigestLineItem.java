package dev.promptly.aws.dynamodb;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** One held alert's line in the digest of an opening ({@code SLADIGEST#<opening>#LINE#…}), with the names of its targets. */
public record DigestLineItem(String pk, String sk, List<String> targets, String line, String conversationId, Long expiresAt) implements TableItem {
    /** A list of strings, stored as a DynamoDB list ({@code L}) of strings. */
    static final EnhancedType<List<String>> STRINGS = EnhancedType.listOf(String.class);

    public static final TableSchema<DigestLineItem> SCHEMA = ItemSchema.keyed(DigestLineItem.class, v -> new DigestLineItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("targets"), v.get("line"), v.get("conversationId"), v.get(PromptlyTable.TTL)))
            .add(STRINGS, "targets", DigestLineItem::targets)
            .add(String.class, "line", DigestLineItem::line)
            .add(String.class, "conversationId", DigestLineItem::conversationId)
            .add(Long.class, PromptlyTable.TTL, DigestLineItem::expiresAt)
            .build();
}
