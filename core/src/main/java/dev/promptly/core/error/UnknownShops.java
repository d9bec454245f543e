package dev.promptly.core.error;

/**
 * How an authenticated route treats a shop it does not serve: exactly like a wrong signature or token of a
 * served shop (the same 401 status and body), after the same HMAC or comparison work, so that neither the
 * answer nor its timing lets a caller list the shops a deployment serves. {@link UnknownShopException}
 * remains for paths with no caller to tell (EventBridge, a configuration that changed mid-request).
 */
public final class UnknownShops {
    /**
     * The key an unknown shop's signature is checked against, only to spend the same work; the check's
     * result is ignored (a caller who signs with this public value is still refused).
     */
    public static final String NO_SECRET = "promptly-no-shop-has-this-secret";

    private UnknownShops() {
    }
}
