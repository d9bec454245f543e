package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A number's latest word on automatic WhatsApp messages: {@code WAOPTOUT#<hash of its digits>} under the
 * shop (the number itself is not stored), {@code optedOut} and when it changed.
 */
public record WhatsAppOptOutItem(String pk, String sk, boolean optedOut, String changedAt) {
    static final String SK_PREFIX = "WAOPTOUT#";

    public static final StaticImmutableTableSchema<WhatsAppOptOutItem, Builder> SCHEMA =
            StaticImmutableTableSchema.builder(WhatsAppOptOutItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(PromptlyTable.PK).getter(WhatsAppOptOutItem::pk).setter(Builder::pk)
                            .tags(primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(PromptlyTable.SK).getter(WhatsAppOptOutItem::sk).setter(Builder::sk)
                            .tags(primarySortKey()))
                    .addAttribute(Boolean.class, a -> a.name("optedOut").getter(WhatsAppOptOutItem::optedOut).setter(Builder::optedOut))
                    .addAttribute(String.class, a -> a.name("changedAt").getter(WhatsAppOptOutItem::changedAt).setter(Builder::changedAt))
                    .build();

    /** The schema's builder. */
    public static final class Builder {
        private String pk;
        private String sk;
        private boolean optedOut;
        private String changedAt;

        public Builder pk(String value) {
            pk = value;
            return this;
        }

        public Builder sk(String value) {
            sk = value;
            return this;
        }

        public Builder optedOut(Boolean value) {
            optedOut = value != null && value;
            return this;
        }

        public Builder changedAt(String value) {
            changedAt = value;
            return this;
        }

        public WhatsAppOptOutItem build() {
            return new WhatsAppOptOutItem(pk, sk, optedOut, changedAt);
        }
    }
}
