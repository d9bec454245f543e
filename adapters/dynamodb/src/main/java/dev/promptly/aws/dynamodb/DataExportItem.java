package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The answer to one {@code customers/data_request}: the JSON export, gzip-compressed, kept until TTL.
 * {@code customerId} lets a later redaction find it. A small export is one item ({@code EXPORT#<request>}
 * holding {@code docGzip}); a larger one is that head item with {@code parts} and {@code generation} plus
 * the parts ({@code EXPORT#<request>#<generation>#<n>}, each a slice of the gzip bytes), since one item
 * stops at 400 KB. Parts carry the customer id and TTL too, so a redaction or the TTL removes them alike.
 *
 * @param parts on a head item: how many parts hold the export; null when {@code docGzip} holds it whole
 * @param generation on a head item with parts: the digest of the whole gzip bytes, which names the parts of this version
 */
public record DataExportItem(String pk, String sk, String customerId, String requestedAt, SdkBytes docGzip, Integer parts,
                             String generation, Long expiresAt) implements TableItem {
    static final String SK_PREFIX = "EXPORT#";

    public static final TableSchema<DataExportItem> SCHEMA = ItemSchema.keyed(DataExportItem.class, v -> new DataExportItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("customerId"), v.get("requestedAt"), v.get("docGzip"),
                    v.get("parts"), v.get("generation"), v.get(PromptlyTable.TTL)))
            .add(String.class, "customerId", DataExportItem::customerId)
            .add(String.class, "requestedAt", DataExportItem::requestedAt)
            .add(SdkBytes.class, "docGzip", DataExportItem::docGzip)
            .add(Integer.class, "parts", DataExportItem::parts)
            .add(String.class, "generation", DataExportItem::generation)
            .add(Long.class, PromptlyTable.TTL, DataExportItem::expiresAt)
            .build();
}
