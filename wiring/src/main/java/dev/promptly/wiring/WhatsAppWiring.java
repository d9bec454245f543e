package dev.promptly.wiring;

import dev.promptly.app.whatsapp.WhatsAppWebhook;
import dev.promptly.log.JsonLog;

/** What the WhatsApp Cloud API tells Promptly. */
public final class WhatsAppWiring {
    private WhatsAppWiring() {
    }

    /** {@code GET|POST /whatsapp/{shop}}: the WhatsApp Cloud API webhook over the message intake. */
    public static WhatsAppWebhook whatsAppWebhook(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        return new WhatsAppWebhook(IntakeWiring.messageIntake(d, log), d.secrets(), stores.whatsAppOptOuts(), stores.outbox(), d.clock(), log);
    }
}
