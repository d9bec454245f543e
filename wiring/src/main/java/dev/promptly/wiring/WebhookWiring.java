package dev.promptly.wiring;

import dev.promptly.app.webhook.WebhookIntake;

/** The Shopify webhooks (HTTPS and EventBridge). */
public final class WebhookWiring {
    private WebhookWiring() {
    }

    /** Orders, exports, conversations, surveys and the raw-mail bucket (a redaction erases the customer's mail). */
    public static WebhookIntake webhookIntake(Deployment d) {
        Stores stores = Stores.of(d);
        return new WebhookIntake(d.config(), d.secrets(), stores.orders(), ComplianceWiring.exports(d), stores.conversations(),
                d.rawMailEraser(), d.clock(), stores.surveys());
    }
}
