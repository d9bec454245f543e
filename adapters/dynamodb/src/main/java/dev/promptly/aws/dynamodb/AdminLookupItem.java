package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A remembered Admin API lookup that found nothing or could not be made ({@code ADMINLOOKUP#<digest>}):
 * {@code outcome} is {@code NOT_FOUND} or {@code UNAVAILABLE}, kept until {@code expiresAt} (epoch
 * seconds, also the table's TTL; readers compare it themselves, as TTL deletes late).
 */
public record AdminLookupItem(String pk, String sk, String outcome, String rememberedAt, Long expiresAt) implements TableItem {
    static final String SK_PREFIX = "ADMINLOOKUP#";

    public static final TableSchema<AdminLookupItem> SCHEMA = ItemSchema.keyed(AdminLookupItem.class, v -> new AdminLookupItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("outcome"), v.get("rememberedAt"), v.get(PromptlyTable.TTL)))
            .add(String.class, "outcome", AdminLookupItem::outcome)
            .add(String.class, "rememberedAt", AdminLookupItem::rememberedAt)
            .add(Long.class, PromptlyTable.TTL, AdminLookupItem::expiresAt)
            .build();
}
