package dev.promptly.app.helpdesk;

import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.app.port.HelpdeskConnector;
import dev.promptly.config.HelpdeskSettings;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.core.outbox.OutboxMessage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Delivers helpdesk outbox records (channel {@code helpdesk}) through the shop's connector, for the
 * {@link dev.promptly.app.outbox.OutboxSender}: so a note is retried with back-off like mail, and the
 * record's single claim keeps it from being written twice by racing senders. Thread-safe.
 */
public final class HelpdeskNoteChannel implements AlertChannel {
    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final Map<HelpdeskSettings.Vendor, HelpdeskConnector> connectors = new EnumMap<>(HelpdeskSettings.Vendor.class);

    public HelpdeskNoteChannel(PromptlyConfig config, SecretResolver secrets, List<HelpdeskConnector> connectors) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        connectors.forEach(c -> this.connectors.put(c.vendor(), c));
    }

    @Override
    public String deliver(OutboxMessage message) {
        HelpdeskSettings.Vendor vendor;
        try {
            vendor = HelpdeskNotes.vendor(message);
        } catch (IllegalArgumentException e) {
            throw new MailDeliveryException(e.getMessage(), true, e);
        }
        HelpdeskSettings settings = config.shop(message.shop()).flatMap(s -> s.helpdeskSettings())
                .filter(s -> s.vendor() == vendor)
                .orElseThrow(() -> new MailDeliveryException("the shop has no " + vendor.wire() + " helpdesk configured", true, null));
        HelpdeskConnector connector = connectors.get(vendor);
        if (connector == null) {
            throw new MailDeliveryException("no connector for " + vendor.wire() + " in this function", true, null);
        }
        var account = new HelpdeskConnector.Account(settings, secrets.resolve(settings.apiToken()), secrets.resolve(settings.webhookSecret()));
        return connector.write(account, HelpdeskNotes.update(message));
    }
}
