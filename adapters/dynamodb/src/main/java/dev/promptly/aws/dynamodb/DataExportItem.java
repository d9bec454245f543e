package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The answer to one {@code customers/data_request}: the JSON export, gzip-compressed, kept until TTL.
 * {@code customerId} lets a later redaction find it. A small export is one item ({@code EXPORT#<request>}
 * holding {@code docGzip}); a larger one is that head item with {@code parts} and {@code generation} plus
 * the parts ({@code EXPORT#<request>#<generation>#<n>}, each a slice of the gzip bytes), since one item
 * stops at 400 KB. Parts carry the customer id and TTL too, so a redaction or the TTL removes them alike.
 */
public final class DataExportItem {
    static final String SK_PREFIX = "EXPORT#";

    public static final StaticTableSchema<DataExportItem> SCHEMA = StaticTableSchema.builder(DataExportItem.class)
            .newItemSupplier(DataExportItem::new)
            .addAttribute(String.class, a -> a.name(PromptlyTable.PK).getter(DataExportItem::getPk).setter(DataExportItem::setPk)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(PromptlyTable.SK).getter(DataExportItem::getSk).setter(DataExportItem::setSk)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("customerId").getter(DataExportItem::getCustomerId).setter(DataExportItem::setCustomerId))
            .addAttribute(String.class, a -> a.name("requestedAt").getter(DataExportItem::getRequestedAt).setter(DataExportItem::setRequestedAt))
            .addAttribute(SdkBytes.class, a -> a.name("docGzip").getter(DataExportItem::getDocGzip).setter(DataExportItem::setDocGzip))
            .addAttribute(Integer.class, a -> a.name("parts").getter(DataExportItem::getParts).setter(DataExportItem::setParts))
            .addAttribute(String.class, a -> a.name("generation").getter(DataExportItem::getGeneration).setter(DataExportItem::setGeneration))
            .addAttribute(Long.class, a -> a.name(PromptlyTable.TTL).getter(DataExportItem::getExpiresAt).setter(DataExportItem::setExpiresAt))
            .build();

    private String pk;
    private String sk;
    private String customerId;
    private String requestedAt;
    private SdkBytes docGzip;
    private Long expiresAt;
    private Integer parts;
    private String generation;

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }
    public String getCustomerId() { return customerId; }
    public void setCustomerId(String customerId) { this.customerId = customerId; }
    public String getRequestedAt() { return requestedAt; }
    public void setRequestedAt(String requestedAt) { this.requestedAt = requestedAt; }
    public SdkBytes getDocGzip() { return docGzip; }
    public void setDocGzip(SdkBytes docGzip) { this.docGzip = docGzip; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
    /** On a head item: how many parts hold the export; null when {@code docGzip} holds it whole. */
    public Integer getParts() { return parts; }
    public void setParts(Integer parts) { this.parts = parts; }
    /** On a head item with parts: the digest of the whole gzip bytes, which names the parts of this version. */
    public String getGeneration() { return generation; }
    public void setGeneration(String generation) { this.generation = generation; }
}
