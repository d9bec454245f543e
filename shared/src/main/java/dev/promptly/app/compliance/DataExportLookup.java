package dev.promptly.app.compliance;

import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.BearerToken;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.NotFoundException;
import dev.promptly.core.error.UnknownShops;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hands the shop owner the export Promptly prepared for a {@code customers/data_request}, so the owner
 * can pass it on to the customer. Authenticated with the shop's agent token. Thread-safe.
 */
public final class DataExportLookup {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final DynamoDataExportStore exports;
    private final Clock clock;

    public DataExportLookup(PromptlyConfig config, SecretResolver secrets, DynamoDataExportStore exports, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.exports = Objects.requireNonNull(exports, "exports");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The export's JSON.
     *
     * @throws AuthenticationException without {@code Bearer <agent token>} of that shop
     * @throws NotFoundException when no export with that id exists for the shop (or it expired)
     */
    public String find(String shopHeader, String authorization, String requestId) {
        ShopDomain shop = ShopDomain.parse(shopHeader, "X-Promptly-Shop");
        Optional<ShopConfig> shopConfig = config.shop(shop);
        // An unknown shop gets a wrong token's answer after the same comparison (see UnknownShops).
        String expected = shopConfig.map(c -> secrets.resolve(c.secrets().agentToken())).orElse(UnknownShops.NO_SECRET);
        if (!BearerToken.matches(authorization, expected) || shopConfig.isEmpty()) {
            throw new AuthenticationException("Authorization: must be \"Bearer <the shop's agent token>\"");
        }
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            throw new InvalidInputException("requestId", "must be the data request id Shopify sent (letters, digits, - or _)");
        }
        return exports.find(shop, requestId, clock.instant())
                .orElseThrow(() -> new NotFoundException("no data export " + requestId + " for this shop (never requested, or expired)"));
    }
}
