package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * {@code HDMARK#<key>}: a helpdesk webhook delivery ({@code HDEVENT#<vendor>#<event id>}) or a team reply
 * ({@code HDREPLY#<fingerprint>}, by its webhook or, in {@link DynamoSlaStore#recordTeamReply}, by its mail
 * copy) that was counted, written with {@code attribute_not_exists} so it counts once; expires by TTL after
 * the vendors stop retrying.
 */
public record HelpdeskMarkerItem(String pk, String sk, String claimedAt, Long expiresAt) implements TableItem {
    static final String PREFIX = "HDMARK#";

    public static final TableSchema<HelpdeskMarkerItem> SCHEMA = ItemSchema.keyed(HelpdeskMarkerItem.class, v -> new HelpdeskMarkerItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("claimedAt"), v.get(PromptlyTable.TTL)))
            .add(String.class, "claimedAt", HelpdeskMarkerItem::claimedAt)
            .add(Long.class, PromptlyTable.TTL, HelpdeskMarkerItem::expiresAt)
            .build();
}
