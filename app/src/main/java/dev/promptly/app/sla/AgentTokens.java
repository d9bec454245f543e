package dev.promptly.app.sla;

import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.BearerToken;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.UnknownShops;
import java.util.Objects;
import java.util.Optional;

/**
 * The check of a shop's agent token ({@code Authorization: Bearer <token>}, compared in constant time) for the
 * routes a helpdesk or a person calls on behalf of one named shop. A shop not served here gets the answer of a
 * wrong token after the same comparison (see {@link UnknownShops}), so the answer tells nothing about which
 * shops exist. Thread-safe.
 */
public final class AgentTokens {
    private final PromptlyConfig config;
    private final SecretResolver secrets;

    public AgentTokens(PromptlyConfig config, SecretResolver secrets) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /**
     * The shop's configuration when {@code authorization} carries its agent token.
     *
     * @throws AuthenticationException no token, a wrong one, or a shop not configured here (401)
     */
    public ShopConfig authorise(ShopDomain shop, String authorization) {
        requirePresent(authorization);
        Optional<ShopConfig> shopConfig = config.shop(shop);
        String expected = shopConfig.map(c -> secrets.resolve(c.secrets().agentToken())).orElse(UnknownShops.NO_SECRET);
        if (!BearerToken.matches(authorization, expected) || shopConfig.isEmpty()) {
            throw wrongToken();
        }
        return shopConfig.get();
    }

    /** @throws AuthenticationException when no {@code Authorization} header was sent (401) */
    static void requirePresent(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationException("Authorization: is required (Bearer <the shop's agent token>)");
        }
    }

    static AuthenticationException wrongToken() {
        return new AuthenticationException("Authorization: must be \"Bearer <the shop's agent token>\"");
    }
}
