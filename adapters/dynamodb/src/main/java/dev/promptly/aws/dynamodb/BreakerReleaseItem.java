package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** A person's release of a shop's delay-notice circuit breaker ({@code DELAYBREAKER#RELEASE}), used up by the next scan. */
public record BreakerReleaseItem(String pk, String sk, String releasedAt, Long expiresAt) implements TableItem {
    public static final TableSchema<BreakerReleaseItem> SCHEMA = ItemSchema.keyed(BreakerReleaseItem.class, v -> new BreakerReleaseItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("releasedAt"), v.get(PromptlyTable.TTL)))
            .add(String.class, "releasedAt", BreakerReleaseItem::releasedAt)
            .add(Long.class, PromptlyTable.TTL, BreakerReleaseItem::expiresAt)
            .build();
}
