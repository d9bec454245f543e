package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** An entry of the {@code ConversationsByOpening} index (keys only): a conversation's key and opening time. */
public record OpeningKeyItem(String pk, String sk, String openingShop, String openingAt) implements TableItem {
    public static final TableSchema<OpeningKeyItem> SCHEMA = ItemSchema.keyed(OpeningKeyItem.class, v -> new OpeningKeyItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get(PromptlyTable.OPENING_SHOP), v.get(PromptlyTable.OPENING_AT)))
            .add(String.class, PromptlyTable.OPENING_SHOP, OpeningKeyItem::openingShop, secondaryPartitionKey(PromptlyTable.CONVERSATIONS_BY_OPENING))
            .add(String.class, PromptlyTable.OPENING_AT, OpeningKeyItem::openingAt, secondarySortKey(PromptlyTable.CONVERSATIONS_BY_OPENING))
            .build();
}
