package dev.promptly.aws.dynamodb;

import java.math.BigDecimal;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A shop's goodwill budget used in one month ({@code GOODWILLBUDGET#<yyyy-MM>}): {@code codes} reserved or
 * created and their total {@code value} in the shop's currency. Only ever changed by conditional atomic
 * {@code ADD}s (see {@link DynamoGoodwillStore}); this record reads it.
 */
public record GoodwillBudgetItem(String pk, String sk, Long codes, BigDecimal value, Long expiresAt) implements TableItem {
    public static final TableSchema<GoodwillBudgetItem> SCHEMA = ItemSchema.keyed(GoodwillBudgetItem.class, v -> new GoodwillBudgetItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("codes"), v.get("value"), v.get(PromptlyTable.TTL)))
            .add(Long.class, "codes", GoodwillBudgetItem::codes)
            .add(EnhancedType.of(BigDecimal.class), "value", GoodwillBudgetItem::value, new SlaEventItem.PlainDecimal())
            .add(Long.class, PromptlyTable.TTL, GoodwillBudgetItem::expiresAt)
            .build();
}
