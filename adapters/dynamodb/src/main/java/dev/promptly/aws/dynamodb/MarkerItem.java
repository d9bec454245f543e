package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An item whose existence is the fact, written once ({@code attribute_not_exists}): an alert told today
 * ({@code ALERT#…}), a sender seen before ({@code SENDER#<hash>}). Keys and TTL only.
 */
public record MarkerItem(String pk, String sk, Long expiresAt) implements TableItem {
    public static final TableSchema<MarkerItem> SCHEMA = ItemSchema.keyed(MarkerItem.class, v -> new MarkerItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get(PromptlyTable.TTL)))
            .add(Long.class, PromptlyTable.TTL, MarkerItem::expiresAt)
            .build();
}
