package dev.promptly.aws.dynamodb;

import dev.promptly.core.ShopDomain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Exports answering {@code customers/data_request}, one item per request id. Thread-safe. */
public final class DynamoDataExportStore {
    /** DynamoDB's item limit is 400 KB; leave room for the other attributes. */
    static final int MAX_COMPRESSED_BYTES = 380_000;

    private final DynamoDbTable<DataExportItem> exports;

    public DynamoDataExportStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        this.exports = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(tableName, DataExportItem.SCHEMA);
    }

    /** Stores (or replaces, for a redelivered request) the export {@code json} of request {@code requestId}. */
    public void put(ShopDomain shop, String requestId, String customerId, String json, Instant now, int retentionDays) {
        byte[] compressed = gzip(json);
        if (compressed.length > MAX_COMPRESSED_BYTES) {
            throw new IllegalStateException("data export " + requestId + " is larger than one DynamoDB item can hold");
        }
        var item = new DataExportItem();
        item.setPk(shop.value());
        item.setSk(DataExportItem.SK_PREFIX + requestId);
        item.setCustomerId(customerId);
        item.setRequestedAt(now.toString());
        item.setDocGzip(SdkBytes.fromByteArray(compressed));
        item.setExpiresAt(now.plus(Duration.ofDays(retentionDays)).getEpochSecond());
        exports.putItem(item);
    }

    /** The export's JSON, if it exists and has not expired. */
    public Optional<String> find(ShopDomain shop, String requestId, Instant now) {
        DataExportItem item = exports.getItem(r -> r.key(key(shop, requestId)).consistentRead(true));
        // TTL deletion can lag by days; an expired export is gone for the caller all the same.
        if (item == null || item.getExpiresAt() <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(gunzip(item.getDocGzip().asByteArray()));
    }

    /** Deletes every export of a customer (their data must not outlive a redaction); returns how many. */
    public int deleteForCustomer(ShopDomain shop, String customerId) {
        if (customerId == null) {
            return 0;
        }
        List<DataExportItem> matches = new ArrayList<>();
        exports.query(r -> r.queryConditional(QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(shop.value()).sortValue(DataExportItem.SK_PREFIX).build())))
                .items().forEach(item -> {
                    if (customerId.equals(item.getCustomerId())) {
                        matches.add(item);
                    }
                });
        matches.forEach(item -> exports.deleteItem(Key.builder().partitionValue(item.getPk()).sortValue(item.getSk()).build()));
        return matches.size();
    }

    private static Key key(ShopDomain shop, String requestId) {
        return Key.builder().partitionValue(shop.value()).sortValue(DataExportItem.SK_PREFIX + requestId).build();
    }

    private static byte[] gzip(String json) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) {
        try (var zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
