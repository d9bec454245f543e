package dev.promptly.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A shop's WhatsApp Business Platform (Cloud API) number. {@code phoneNumberId} is the business phone
 * number's id in the Graph API (the path of {@code POST /{version}/{phone-number-id}/messages} and
 * {@code metadata.phone_number_id} of each webhook notification); it is an identifier, not a secret.
 * {@code appSecret} signs the webhook's notifications ({@code X-Hub-Signature-256}), {@code accessToken}
 * is the bearer token of the Graph API, {@code verifyToken} is the string typed into the app dashboard's
 * "Verify token" field and echoed back in {@code hub.verify_token}. {@code apiVersion} is the Graph API
 * version in the request path, e.g. {@code v21.0}. {@code delayTemplate}: the approved message template
 * that carries a delay notice outside the 24-hour customer service window; null: no WhatsApp notice then.
 */
public record WhatsAppSettings(String phoneNumberId, SecretRef appSecret, SecretRef accessToken, SecretRef verifyToken,
                               String apiVersion, MessageTemplate delayTemplate) {
    /** The Graph API version used when a shop names none. */
    public static final String DEFAULT_API_VERSION = "v21.0";
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern API_VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,3}");

    public WhatsAppSettings {
        if (phoneNumberId == null || !PHONE_NUMBER_ID.matcher(phoneNumberId).matches()) {
            throw new IllegalArgumentException("must be the digits of the business phone number's id");
        }
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(verifyToken, "verifyToken");
        apiVersion = apiVersion == null ? DEFAULT_API_VERSION : apiVersion;
        if (!API_VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException("must be a Graph API version such as v21.0");
        }
    }

    static boolean validApiVersion(String version) {
        return API_VERSION.matcher(version).matches();
    }

    public Optional<MessageTemplate> delayNoticeTemplate() {
        return Optional.ofNullable(delayTemplate);
    }

    /**
     * An approved WhatsApp message template: its {@code name} as registered in WhatsApp Manager and, per
     * reply language of the shop, the template language code it was approved in (e.g. {@code de},
     * {@code en_US}).
     */
    public record MessageTemplate(String name, Map<String, String> languages) {
        private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
        private static final Pattern CODE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

        public MessageTemplate {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("must be a template name of lower-case letters, digits and underscores");
            }
            languages = Map.copyOf(languages);
            if (languages.isEmpty()) {
                throw new IllegalArgumentException("must name the template's language for at least one shop language");
            }
            languages.values().forEach(code -> {
                if (!CODE.matcher(code).matches()) {
                    throw new IllegalArgumentException("must be template language codes such as de or en_US");
                }
            });
        }

        /** The template language for {@code language}, else for {@code fallback}. */
        public Optional<String> languageFor(String language, String fallback) {
            return Optional.ofNullable(languages.getOrDefault(language, languages.get(fallback)));
        }
    }
}
