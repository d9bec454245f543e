package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A shop's backfill state ({@code sk} = {@code BACKFILL}): the request ({@code days}, {@code since}), the
 * end cursor of the last page stored, counts, times (ISO-8601) and whether it is complete.
 */
public record BackfillItem(String pk, String sk, Integer days, String since, String cursor, Long orders, Long pages, String startedAt,
                           String updatedAt, Boolean complete, Long expiresAt) {
    static final String SK = "BACKFILL";

    public static final StaticImmutableTableSchema<BackfillItem, Builder> SCHEMA =
            StaticImmutableTableSchema.builder(BackfillItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(PromptlyTable.PK).getter(BackfillItem::pk).setter(Builder::pk)
                            .tags(primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(PromptlyTable.SK).getter(BackfillItem::sk).setter(Builder::sk)
                            .tags(primarySortKey()))
                    .addAttribute(Integer.class, a -> a.name("days").getter(BackfillItem::days).setter(Builder::days))
                    .addAttribute(String.class, a -> a.name("since").getter(BackfillItem::since).setter(Builder::since))
                    .addAttribute(String.class, a -> a.name("cursor").getter(BackfillItem::cursor).setter(Builder::cursor))
                    .addAttribute(Long.class, a -> a.name("orders").getter(BackfillItem::orders).setter(Builder::orders))
                    .addAttribute(Long.class, a -> a.name("pages").getter(BackfillItem::pages).setter(Builder::pages))
                    .addAttribute(String.class, a -> a.name("startedAt").getter(BackfillItem::startedAt).setter(Builder::startedAt))
                    .addAttribute(String.class, a -> a.name("updatedAt").getter(BackfillItem::updatedAt).setter(Builder::updatedAt))
                    .addAttribute(Boolean.class, a -> a.name("complete").getter(BackfillItem::complete).setter(Builder::complete))
                    .addAttribute(Long.class, a -> a.name(PromptlyTable.TTL).getter(BackfillItem::expiresAt).setter(Builder::expiresAt))
                    .build();

    /** The mapper's builder; not thread-safe. */
    public static final class Builder {
        private String pk;
        private String sk;
        private Integer days;
        private String since;
        private String cursor;
        private Long orders;
        private Long pages;
        private String startedAt;
        private String updatedAt;
        private Boolean complete;
        private Long expiresAt;

        public Builder pk(String v) { this.pk = v; return this; }
        public Builder sk(String v) { this.sk = v; return this; }
        public Builder days(Integer v) { this.days = v; return this; }
        public Builder since(String v) { this.since = v; return this; }
        public Builder cursor(String v) { this.cursor = v; return this; }
        public Builder orders(Long v) { this.orders = v; return this; }
        public Builder pages(Long v) { this.pages = v; return this; }
        public Builder startedAt(String v) { this.startedAt = v; return this; }
        public Builder updatedAt(String v) { this.updatedAt = v; return this; }
        public Builder complete(Boolean v) { this.complete = v; return this; }
        public Builder expiresAt(Long v) { this.expiresAt = v; return this; }

        public BackfillItem build() {
            return new BackfillItem(pk, sk, days, since, cursor, orders, pages, startedAt, updatedAt, complete, expiresAt);
        }
    }
}
