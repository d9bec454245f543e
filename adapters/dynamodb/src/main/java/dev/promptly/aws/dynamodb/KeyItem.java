package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** Any item of the table read by its key alone (the other attributes are not mapped), to delete it. */
public record KeyItem(String pk, String sk) implements TableItem {
    public static final TableSchema<KeyItem> SCHEMA = ItemSchema.keyed(KeyItem.class, v -> new KeyItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK)))
            .build();
}
