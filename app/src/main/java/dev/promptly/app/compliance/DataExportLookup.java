package dev.promptly.app.compliance;

import dev.promptly.app.port.DataExportStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.BearerToken;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.NotFoundException;
import dev.promptly.core.error.UnknownShops;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hands the shop owner the export Promptly prepared for a {@code customers/data_request}, so the owner
 * can pass it on to the customer. Authenticated with the shop's export token ({@code secrets.export_token}),
 * never the agent token a helpdesk holds: an export is the customer's whole record. Thread-safe.
 */
public final class DataExportLookup {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final DataExportStore exports;
    private final Clock clock;

    public DataExportLookup(PromptlyConfig config, SecretResolver secrets, DataExportStore exports, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.exports = Objects.requireNonNull(exports, "exports");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * How much of an export one answer carries: Lambda returns at most 6 MB from a synchronous invocation
     * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), and gzip bytes travel
     * base64-encoded (4/3 of their size), so 3,000,000 raw bytes, about 4 MB on the wire, leave room for
     * the envelope. Plain JSON is served up to the same 4 MB.
     */
    public static final int ANSWER_BYTES = 3_000_000;
    static final int PLAIN_JSON_BYTES = 4_000_000;

    /**
     * What to answer: {@code bytes} are the export's JSON (plain), the whole export gzip-compressed
     * ({@code gzip}, {@code part} 0), or slice {@code part} of {@code parts} of the gzip bytes, to be
     * concatenated in order and decompressed.
     */
    public record Download(byte[] bytes, boolean gzip, int part, int parts) {
    }

    /**
     * SnapStart priming: one strongly consistent read of an export no shop can have (the id is not a
     * Shopify data request id), so the snapshot holds a warm DynamoDB client. Nothing is written.
     */
    public void prime() {
        exports.find(config.shops().keySet().iterator().next(), "priming", clock.instant());
    }

    /** The shop priming runs for: the first configured one. */
    public String primingShop() {
        return config.shops().keySet().iterator().next().value();
    }

    /**
     * The export's JSON.
     *
     * @throws AuthenticationException without {@code Bearer <export token>} of that shop, or when the shop has none
     * @throws NotFoundException when no export with that id exists for the shop (or it expired)
     */
    public String find(String shopHeader, String authorization, String requestId) {
        return DataExportStore.gunzip(compressed(shopHeader, authorization, requestId));
    }

    /**
     * The export in the form the caller can take, whatever its size: plain JSON when it fits one answer and
     * the caller does not accept gzip; gzip-compressed when the caller sends {@code Accept-Encoding: gzip}
     * and it fits; otherwise, with {@code ?part=N}, the N-th slice of the gzip bytes.
     *
     * @param acceptEncoding the request's {@code Accept-Encoding}, or null
     * @param part           the {@code part} query parameter, or null for the whole export
     * @throws InvalidInputException a part outside 1..parts, or an export too large for one answer without {@code part}
     */
    public Download download(String shopHeader, String authorization, String requestId, String acceptEncoding, String part) {
        byte[] gzip = compressed(shopHeader, authorization, requestId);
        int parts = Math.max(1, (gzip.length + ANSWER_BYTES - 1) / ANSWER_BYTES);
        String inParts = "fetch it in parts: ?part=1 to ?part=" + parts + ", gzip slices to concatenate in order and decompress";
        if (part != null) {
            int n;
            try {
                n = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > parts) {
                throw new InvalidInputException("part", "must be a number from 1 to " + parts + " for this export");
            }
            return new Download(Arrays.copyOfRange(gzip, (n - 1) * ANSWER_BYTES, Math.min(gzip.length, n * ANSWER_BYTES)), true, n, parts);
        }
        if (acceptsGzip(acceptEncoding)) {
            if (parts > 1) {
                throw new InvalidInputException("part", "the export is " + gzip.length + " bytes compressed, more than one answer carries; " + inParts);
            }
            return new Download(gzip, true, 0, 1);
        }
        byte[] json = DataExportStore.gunzip(gzip).getBytes(StandardCharsets.UTF_8);
        if (json.length > PLAIN_JSON_BYTES) {
            throw new InvalidInputException("Accept-Encoding", "the export is " + json.length + " bytes, more than one answer carries; send "
                    + "Accept-Encoding: gzip" + (parts > 1 ? ", or " + inParts : ""));
        }
        return new Download(json, false, 0, 1);
    }

    /** Whether {@code gzip} is listed without {@code q=0} (RFC 9110, section 12.5.3). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().toLowerCase(Locale.ROOT).split(";");
            if (parts[0].trim().equals("gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    String q = parts[i].trim().replace(" ", "");
                    if (q.equals("q=0") || q.matches("q=0\\.0{0,3}")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private byte[] compressed(String shopHeader, String authorization, String requestId) {
        ShopDomain shop = ShopDomain.parse(shopHeader, "X-Promptly-Shop");
        Optional<ShopConfig> shopConfig = config.shop(shop);
        // An unknown shop, or one whose exports are closed (no secrets.export_token), gets a wrong token's
        // answer after the same comparison (see UnknownShops): the answer tells nobody which shops exist.
        var token = shopConfig.flatMap(c -> c.secrets().dataExportToken());
        String expected = token.map(secrets::resolve).orElse(UnknownShops.NO_SECRET);
        if (!BearerToken.matches(authorization, expected) || token.isEmpty()) {
            throw new AuthenticationException("Authorization: must be \"Bearer <the shop's export token>\" (secrets.export_token)");
        }
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            throw new InvalidInputException("requestId", "must be the data request id Shopify sent (letters, digits, - or _)");
        }
        return exports.findCompressed(shop, requestId, clock.instant())
                .orElseThrow(() -> new NotFoundException("no data export " + requestId + " for this shop (never requested, or expired)"));
    }
}
