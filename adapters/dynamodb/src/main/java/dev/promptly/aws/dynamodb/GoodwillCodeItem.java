package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One order's goodwill code for one delay stage ({@code GOODWILL#<order>#<stage>}, written once with
 * {@code attribute_not_exists}): the code, what it is worth (amounts as plain decimal text, as the notice
 * shows them), the budget month it counts in, its state ({@code reserved}, {@code created}, {@code failed})
 * and the lease of the scan asking Shopify for it (fixed-width UTC text, compared as text in conditions).
 */
public record GoodwillCodeItem(String pk, String sk, String code, String state, String percentage, String amount, String currency,
                               String minimum, String budgetValue, String month, String reservedAt, String leaseUntil, String endsAt,
                               String discountId, String teamNotedAt, String lastError, String updatedAt, Long expiresAt)
        implements TableItem {
    public static final TableSchema<GoodwillCodeItem> SCHEMA = ItemSchema.keyed(GoodwillCodeItem.class, v -> new GoodwillCodeItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("code"), v.get("state"), v.get("percentage"), v.get("amount"),
                    v.get("currency"), v.get("minimum"), v.get("budgetValue"), v.get("month"), v.get("reservedAt"), v.get("leaseUntil"),
                    v.get("endsAt"), v.get("discountId"), v.get("teamNotedAt"), v.get("lastError"), v.get("updatedAt"),
                    v.get(PromptlyTable.TTL)))
            .add(String.class, "code", GoodwillCodeItem::code)
            .add(String.class, "state", GoodwillCodeItem::state)
            .add(String.class, "percentage", GoodwillCodeItem::percentage)
            .add(String.class, "amount", GoodwillCodeItem::amount)
            .add(String.class, "currency", GoodwillCodeItem::currency)
            .add(String.class, "minimum", GoodwillCodeItem::minimum)
            .add(String.class, "budgetValue", GoodwillCodeItem::budgetValue)
            .add(String.class, "month", GoodwillCodeItem::month)
            .add(String.class, "reservedAt", GoodwillCodeItem::reservedAt)
            .add(String.class, "leaseUntil", GoodwillCodeItem::leaseUntil)
            .add(String.class, "endsAt", GoodwillCodeItem::endsAt)
            .add(String.class, "discountId", GoodwillCodeItem::discountId)
            .add(String.class, "teamNotedAt", GoodwillCodeItem::teamNotedAt)
            .add(String.class, "lastError", GoodwillCodeItem::lastError)
            .add(String.class, "updatedAt", GoodwillCodeItem::updatedAt)
            .add(Long.class, PromptlyTable.TTL, GoodwillCodeItem::expiresAt)
            .build();
}
