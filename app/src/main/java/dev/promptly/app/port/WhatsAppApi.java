package dev.promptly.app.port;

import java.util.List;
import java.util.Objects;

/**
 * Sends one message through the WhatsApp Cloud API ({@code POST /{version}/{phone-number-id}/messages}
 * with the access token as bearer token). Implementations are thread-safe.
 */
public interface WhatsAppApi {
    /**
     * @return the message id WhatsApp gave the message ({@code wamid...}); its status webhooks carry it
     * @throws WhatsAppApiException when the API refused the message or could not be reached
     */
    String send(Request request);

    /** One message from the shop's number {@code phoneNumberId} to {@code to} (E.164). */
    record Request(String apiVersion, String phoneNumberId, String accessToken, String to, Body body) {
        public Request {
            Objects.requireNonNull(apiVersion, "apiVersion");
            Objects.requireNonNull(phoneNumberId, "phoneNumberId");
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(body, "body");
        }
    }

    /** What is sent: free-form text, or an approved template. */
    sealed interface Body permits Text, Template {
    }

    /** Free-form text, only within the customer service window. */
    record Text(String body) implements Body {
        public Text {
            Objects.requireNonNull(body, "body");
        }
    }

    /** An approved template by name and language code, with its body parameters {{1}}, {{2}}, ... in order. */
    record Template(String name, String languageCode, List<String> bodyParameters) implements Body {
        public Template {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(languageCode, "languageCode");
            bodyParameters = List.copyOf(bodyParameters);
        }
    }

    /** A refusal with Meta's numeric error {@code code} (0 when there is none, e.g. a network failure), and whether to retry. */
    final class WhatsAppApiException extends RuntimeException {
        private final int code;
        private final boolean retryable;

        public WhatsAppApiException(String message, int code, boolean retryable, Throwable cause) {
            super(message, cause);
            this.code = code;
            this.retryable = retryable;
        }

        public int code() {
            return code;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
