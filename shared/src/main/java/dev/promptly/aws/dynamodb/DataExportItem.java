package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The answer to one {@code customers/data_request}: the JSON export, gzip-compressed to stay far below
 * DynamoDB's 400 KB item limit, kept until TTL. {@code customerId} lets a later redaction find it.
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
            .addAttribute(Long.class, a -> a.name(PromptlyTable.TTL).getter(DataExportItem::getExpiresAt).setter(DataExportItem::setExpiresAt))
            .build();

    private String pk;
    private String sk;
    private String customerId;
    private String requestedAt;
    private SdkBytes docGzip;
    private Long expiresAt;

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
}
