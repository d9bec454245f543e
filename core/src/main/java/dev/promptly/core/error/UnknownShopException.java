package dev.promptly.core.error;

import dev.promptly.core.ShopDomain;

/** A request for a shop this deployment is not configured for. Maps to 404. */
public final class UnknownShopException extends PromptlyException {
    public UnknownShopException(ShopDomain shop) {
        super("shop " + shop + " is not configured in this deployment");
    }
}
