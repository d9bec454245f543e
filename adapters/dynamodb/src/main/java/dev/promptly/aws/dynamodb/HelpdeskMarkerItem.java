package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * {@code HDMARK#<key>}: a helpdesk webhook delivery ({@code HDEVENT#<vendor>#<event id>}) or a team reply
 * ({@code HDREPLY#<fingerprint>}) that was counted, written with {@code attribute_not_exists} so it counts
 * once; expires by TTL after the vendors stop retrying.
 */
public record HelpdeskMarkerItem(String pk, String sk, String claimedAt, Long expiresAt) {
    static final String PREFIX = "HDMARK#";

    public static final StaticImmutableTableSchema<HelpdeskMarkerItem, Builder> SCHEMA =
            StaticImmutableTableSchema.builder(HelpdeskMarkerItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(PromptlyTable.PK).getter(HelpdeskMarkerItem::pk).setter(Builder::pk)
                            .tags(primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(PromptlyTable.SK).getter(HelpdeskMarkerItem::sk).setter(Builder::sk)
                            .tags(primarySortKey()))
                    .addAttribute(String.class, a -> a.name("claimedAt").getter(HelpdeskMarkerItem::claimedAt).setter(Builder::claimedAt))
                    .addAttribute(Long.class, a -> a.name(PromptlyTable.TTL).getter(HelpdeskMarkerItem::expiresAt).setter(Builder::expiresAt))
                    .build();

    /** The mapper's builder; not thread-safe. */
    public static final class Builder {
        private String pk;
        private String sk;
        private String claimedAt;
        private Long expiresAt;

        public Builder pk(String value) { pk = value; return this; }
        public Builder sk(String value) { sk = value; return this; }
        public Builder claimedAt(String value) { claimedAt = value; return this; }
        public Builder expiresAt(Long value) { expiresAt = value; return this; }

        public HelpdeskMarkerItem build() {
            return new HelpdeskMarkerItem(pk, sk, claimedAt, expiresAt);
        }
    }
}
