package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.DataExportStore;
import dev.promptly.core.ShopDomain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link DataExportStore} in {@link PromptlyTable}: exports answering {@code customers/data_request},
 * one head item per request id and, for an export whose compressed form does not fit one item, its parts
 * (see {@link DataExportItem}). Thread-safe.
 *
 * <p>Why parts in the table rather than an S3 object behind a short-lived link: the deployment has no
 * bucket for exports (only the inbound-mail bucket, which SES writes and a lifecycle empties), and the
 * table already carries the TTL, the redaction by customer id and the deletion of a whole shop; parts
 * inherit all three. Writing is idempotent: parts are named by the digest of the bytes they slice
 * ({@code generation}), so a retried write puts the same items again; the head is written last and points
 * at one generation, so a reader never mixes two; parts of other generations (an earlier delivery of the
 * same request, or a write that failed half-way) are deleted once the head points past them.
 */
public final class DynamoDataExportStore implements DataExportStore {
    /** DynamoDB's item limit is 400 KB (names and values); this leaves room for the keys and other attributes. */
    static final int PART_BYTES = 350_000;

    private final DynamoDbTable<DataExportItem> exports;

    public DynamoDataExportStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        this.exports = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(tableName, DeferredSchema.of(() -> DataExportItem.SCHEMA));
    }

    /** Stores (or replaces, for a redelivered request) the export {@code json} of request {@code requestId}, of any size. */
    @Override
    public void put(ShopDomain shop, String requestId, String customerId, String json, Instant now, int retentionDays) {
        byte[] compressed = gzip(json);
        long expiresAt = now.plus(Duration.ofDays(retentionDays)).getEpochSecond();
        String headKey = DataExportItem.SK_PREFIX + requestId;
        DataExportItem head;
        if (compressed.length <= PART_BYTES) {
            head = new DataExportItem(shop.value(), headKey, customerId, now.toString(), SdkBytes.fromByteArray(compressed), null, null,
                    expiresAt);
        } else {
            String generation = digest(compressed);
            int parts = (compressed.length + PART_BYTES - 1) / PART_BYTES;
            for (int i = 0; i < parts; i++) {
                exports.putItem(new DataExportItem(shop.value(), partPrefix(requestId, generation) + String.format("%05d", i), customerId,
                        now.toString(), SdkBytes.fromByteArray(Arrays.copyOfRange(compressed, i * PART_BYTES,
                        Math.min(compressed.length, (i + 1) * PART_BYTES))), null, null, expiresAt));
            }
            head = new DataExportItem(shop.value(), headKey, customerId, now.toString(), null, parts, generation, expiresAt);
        }
        exports.putItem(head);
        deleteOlderParts(shop, requestId);
    }

    /**
     * Deletes the parts the head no longer points at and that were written before it: an overlapping
     * delivery of the same request may have replaced the head meanwhile, and its newer parts must stay.
     */
    private void deleteOlderParts(ShopDomain shop, String requestId) {
        DataExportItem head = exports.getItem(r -> r.key(key(shop, requestId)).consistentRead(true));
        String current = head == null || head.generation() == null ? null : partPrefix(requestId, head.generation());
        Instant headWritten = head == null ? Instant.MAX : Instant.parse(head.requestedAt());
        for (DataExportItem part : parts(shop, DataExportItem.SK_PREFIX + requestId + "#")) {
            boolean pointedAt = current != null && part.sk().startsWith(current);
            if (!pointedAt && Instant.parse(part.requestedAt()).isBefore(headWritten)) {
                exports.deleteItem(Key.builder().partitionValue(part.pk()).sortValue(part.sk()).build());
            }
        }
    }

    /** The export's JSON, if it exists and has not expired. */
    @Override
    public Optional<String> find(ShopDomain shop, String requestId, Instant now) {
        return findCompressed(shop, requestId, now).map(DataExportStore::gunzip);
    }

    /**
     * The export's gzip bytes (RFC 1952), if it exists and has not expired.
     *
     * @throws IllegalStateException when its parts stay incomplete (a concurrent rewrite, read twice)
     */
    @Override
    public Optional<byte[]> findCompressed(ShopDomain shop, String requestId, Instant now) {
        for (int attempt = 1; ; attempt++) {
            DataExportItem head = exports.getItem(r -> r.key(key(shop, requestId)).consistentRead(true));
            // TTL deletion can lag by days; an expired export is gone for the caller all the same.
            if (head == null || head.expiresAt() <= now.getEpochSecond()) {
                return Optional.empty();
            }
            if (head.parts() == null) {
                return Optional.of(head.docGzip().asByteArray());
            }
            var out = new ByteArrayOutputStream();
            int found = 0;
            for (DataExportItem part : parts(shop, partPrefix(requestId, head.generation()))) {
                out.writeBytes(part.docGzip().asByteArray());
                found++;
            }
            byte[] whole = out.toByteArray();
            if (found == head.parts() && digest(whole).equals(head.generation())) {
                return Optional.of(whole);
            }
            // A redelivery replaced the export between reading the head and its parts: read the new head.
            if (attempt >= 2) {
                throw new IllegalStateException("data export " + requestId + " is being rewritten; try again");
            }
        }
    }

    /** Deletes every export of a customer, parts included (their data must not outlive a redaction); returns how many items. */
    @Override
    public int deleteForCustomer(ShopDomain shop, String customerId) {
        if (customerId == null) {
            return 0;
        }
        List<DataExportItem> matches = new ArrayList<>();
        parts(shop, DataExportItem.SK_PREFIX).forEach(item -> {
            if (customerId.equals(item.customerId())) {
                matches.add(item);
            }
        });
        matches.forEach(item -> exports.deleteItem(Key.builder().partitionValue(item.pk()).sortValue(item.sk()).build()));
        return matches.size();
    }

    /** The items whose sort key starts with {@code prefix}, in key order, read consistently. */
    private List<DataExportItem> parts(ShopDomain shop, String prefix) {
        List<DataExportItem> items = new ArrayList<>();
        exports.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(shop.value()).sortValue(prefix).build()))
                        .consistentRead(true).build())
                .items().forEach(items::add);
        return items;
    }

    private static String partPrefix(String requestId, String generation) {
        return DataExportItem.SK_PREFIX + requestId + "#" + generation + "#";
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
}
