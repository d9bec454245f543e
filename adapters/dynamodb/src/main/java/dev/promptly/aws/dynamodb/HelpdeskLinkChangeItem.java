package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** A {@link HelpdeskLinkItem}'s {@code lastChangeAt}, as a view of that item: moved forward alone, the rest untouched. */
public record HelpdeskLinkChangeItem(String pk, String sk, String lastChangeAt) implements TableItem {
    public static final TableSchema<HelpdeskLinkChangeItem> SCHEMA = ItemSchema.keyed(HelpdeskLinkChangeItem.class,
                    v -> new HelpdeskLinkChangeItem(v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("lastChangeAt")))
            .add(String.class, "lastChangeAt", HelpdeskLinkChangeItem::lastChangeAt)
            .build();
}
