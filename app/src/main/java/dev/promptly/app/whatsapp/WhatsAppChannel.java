package dev.promptly.app.whatsapp;

import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.app.port.WhatsAppApi;
import dev.promptly.app.port.WhatsAppApi.WhatsAppApiException;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.config.WhatsAppSettings;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers the outbox's {@code whatsapp} records for the {@link dev.promptly.app.outbox.OutboxSender}: a
 * text reply while its customer service window is open, a template message as recorded, from the shop's
 * number with its access token. A closed window, a shop without WhatsApp and a refusal Meta documents as
 * permanent fail the record at once; temporary refusals are retried by the sender with back-off
 * ({@link WhatsAppErrors}). Without an API (the local runner without {@code --whatsapp-api-url}) records are
 * kept as captured. Thread-safe.
 */
public final class WhatsAppChannel implements AlertChannel {
    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final Optional<WhatsAppApi> api;
    private final Clock clock;

    public WhatsAppChannel(PromptlyConfig config, SecretResolver secrets, Optional<WhatsAppApi> api, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean captures() {
        return api.isEmpty();
    }

    @Override
    public String deliver(OutboxMessage message) {
        WhatsAppSettings whatsapp = config.shop(message.shop()).flatMap(ShopConfig::whatsApp)
                .orElseThrow(() -> new MailDeliveryException("the shop has no WhatsApp number configured", true, null));
        WhatsAppApi.Body body = body(message);
        var request = new WhatsAppApi.Request(whatsapp.apiVersion(), whatsapp.phoneNumberId(), secrets.resolve(whatsapp.accessToken()),
                message.to(), body);
        try {
            return api.orElseThrow().send(request);
        } catch (WhatsAppApiException e) {
            throw new MailDeliveryException(e.getMessage(), !e.retryable(), e);
        }
    }

    private WhatsAppApi.Body body(OutboxMessage message) {
        String template = message.headers().get(WhatsAppMessages.TEMPLATE);
        if (template != null) {
            List<String> parameters = new ArrayList<>();
            for (int i = 1; message.headers().containsKey(WhatsAppMessages.PARAMETER + i); i++) {
                parameters.add(message.headers().get(WhatsAppMessages.PARAMETER + i));
            }
            return new WhatsAppApi.Template(template, message.headers().get(WhatsAppMessages.LANGUAGE), parameters);
        }
        String windowEnds = message.headers().get(WhatsAppMessages.WINDOW_ENDS);
        if (windowEnds == null || !clock.instant().isBefore(Instant.parse(windowEnds))) {
            // WhatsApp would refuse it (131047); sending it later cannot help.
            throw new MailDeliveryException("customer_service_window_closed", true, null);
        }
        return new WhatsAppApi.Text(WhatsAppMessages.text(message.text()));
    }
}
