package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A remembered Admin API lookup that found nothing or could not be made ({@code ADMINLOOKUP#<digest>}):
 * {@code outcome} is {@code NOT_FOUND} or {@code UNAVAILABLE}, kept until {@code expiresAt} (epoch
 * seconds, also the table's TTL; readers compare it themselves, as TTL deletes late).
 */
public record AdminLookupItem(String pk, String sk, String outcome, String rememberedAt, Long expiresAt) {
    static final String SK_PREFIX = "ADMINLOOKUP#";

    public static final StaticImmutableTableSchema<AdminLookupItem, Builder> SCHEMA =
            StaticImmutableTableSchema.builder(AdminLookupItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(PromptlyTable.PK).getter(AdminLookupItem::pk).setter(Builder::pk)
                            .tags(primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(PromptlyTable.SK).getter(AdminLookupItem::sk).setter(Builder::sk)
                            .tags(primarySortKey()))
                    .addAttribute(String.class, a -> a.name("outcome").getter(AdminLookupItem::outcome).setter(Builder::outcome))
                    .addAttribute(String.class, a -> a.name("rememberedAt").getter(AdminLookupItem::rememberedAt)
                            .setter(Builder::rememberedAt))
                    .addAttribute(Long.class, a -> a.name(PromptlyTable.TTL).getter(AdminLookupItem::expiresAt).setter(Builder::expiresAt))
                    .build();

    /** The mapper's builder; not thread-safe. */
    public static final class Builder {
        private String pk;
        private String sk;
        private String outcome;
        private String rememberedAt;
        private Long expiresAt;

        public Builder pk(String pk) {
            this.pk = pk;
            return this;
        }

        public Builder sk(String sk) {
            this.sk = sk;
            return this;
        }

        public Builder outcome(String outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder rememberedAt(String rememberedAt) {
            this.rememberedAt = rememberedAt;
            return this;
        }

        public Builder expiresAt(Long expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public AdminLookupItem build() {
            return new AdminLookupItem(pk, sk, outcome, rememberedAt, expiresAt);
        }
    }
}
