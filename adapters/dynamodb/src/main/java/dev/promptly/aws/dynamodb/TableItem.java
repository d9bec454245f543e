package dev.promptly.aws.dynamodb;

/** An item of {@link PromptlyTable}: every item record has the table's key, the shop and the entity's sort key. */
interface TableItem {
    /** The shop's domain. */
    String pk();

    /** The entity prefix and id ({@code ORDER#…}, {@code OUTBOX#…}, …). */
    String sk();
}
