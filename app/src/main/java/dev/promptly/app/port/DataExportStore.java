package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Exports answering {@code customers/data_request}, one per request id, of any size. Writing is
 * idempotent (a redelivered request replaces its export) and a reader never mixes two writes.
 * Implementations are thread-safe.
 */
public interface DataExportStore {
    /** Stores (or replaces, for a redelivered request) the export {@code json} of request {@code requestId}. */
    void put(ShopDomain shop, String requestId, String customerId, String json, Instant now, int retentionDays);

    /** The export's JSON, if it exists and has not expired. */
    Optional<String> find(ShopDomain shop, String requestId, Instant now);

    /**
     * The export's gzip bytes (RFC 1952), if it exists and has not expired.
     *
     * @throws IllegalStateException when it is being rewritten meanwhile (try again)
     */
    Optional<byte[]> findCompressed(ShopDomain shop, String requestId, Instant now);

    /** Deletes every export of a customer (their data must not outlive a redaction); returns how many items. */
    int deleteForCustomer(ShopDomain shop, String customerId);

    /** The text of gzip bytes (RFC 1952) holding UTF-8, as {@link #findCompressed} returns them. */
    static String gunzip(byte[] bytes) {
        try (var zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
