package dev.promptly.shopify.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.ShopifyAdmin.AdminApiUnavailableException;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.json.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * One shop's GraphQL Admin API endpoint: {@code POST /admin/api/{version}/graphql.json} with the shop's
 * token in {@code X-Shopify-Access-Token} and {@code {"query", "variables"}} as the JSON body
 * (https://shopify.dev/docs/api/admin-graphql#endpoints, #authentication).
 *
 * <p>Shopify limits by calculated query cost: each answer carries {@code extensions.cost.throttleStatus}
 * ({@code maximumAvailable}, {@code currentlyAvailable}, {@code restoreRate} points per second), and a
 * call the bucket cannot pay is refused with an error whose {@code extensions.code} is {@code THROTTLED}
 * (HTTP 200) or with HTTP 429 (https://shopify.dev/docs/api/usage/limits). Either way this client waits
 * until the bucket holds the requested cost again ({@code (requestedQueryCost - currentlyAvailable) /
 * restoreRate}, or {@code Retry-After}, or one second) and tries again, but only while the call's
 * {@code retryBudget} lasts: a message being acknowledged must not wait for a busy shop. Every HTTP
 * exchange has its own timeout of at most two seconds. Thread-safe.
 */
final class AdminGraphQl {
    /** The pinned Admin API version: a stable version, supported for at least 12 months after its release. */
    static final String API_VERSION = ShopifyAdminClient.API_VERSION;
    static final Duration MAX_CALL_TIMEOUT = Duration.ofSeconds(2);
    /** Bodies beyond this are not an answer to our bounded queries (a few orders of a few KB each). */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** Waits; tests pass one that records instead of sleeping. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient http;
    private final Function<ShopDomain, URI> baseUri;
    private final Function<ShopDomain, String> token;
    private final Duration callTimeout;
    private final Duration retryBudget;
    private final int maxAttempts;
    private final Clock clock;
    private final Pause pause;

    /**
     * @param baseUri the shop's origin, e.g. {@code https://acme.myshopify.com} (a stand-in's URL locally)
     * @param token the shop's Admin API access token (resolved secret)
     */
    AdminGraphQl(HttpClient http, Function<ShopDomain, URI> baseUri, Function<ShopDomain, String> token, Duration callTimeout,
                 Duration retryBudget, int maxAttempts, Clock clock, Pause pause) {
        this.http = Objects.requireNonNull(http, "http");
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.token = Objects.requireNonNull(token, "token");
        if (callTimeout.isNegative() || callTimeout.isZero() || callTimeout.compareTo(MAX_CALL_TIMEOUT) > 0) {
            throw new IllegalArgumentException("callTimeout must be in (0, 2 s]");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        this.callTimeout = callTimeout;
        this.retryBudget = Objects.requireNonNull(retryBudget, "retryBudget");
        this.maxAttempts = maxAttempts;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * The {@code code}s of a mutation payload's {@code userErrors} ({@code UNKNOWN} where one has none), empty when the
     * mutation was accepted: Shopify reports refused input there, with HTTP 200 and no {@code errors}.
     */
    static java.util.List<String> userErrorCodes(JsonNode payload) {
        java.util.List<String> codes = new java.util.ArrayList<>();
        payload.path("userErrors").forEach(e -> codes.add(e.path("code").asText("UNKNOWN")));
        return codes;
    }

    static URI endpoint(URI base, String version) {
        String origin = base.toString().replaceAll("/+$", "");
        return URI.create(origin + "/admin/api/" + version + "/graphql.json");
    }

    /**
     * The {@code data} of the answer to {@code query} with {@code variables}.
     *
     * @param operation names the call in error messages and logs (never personal data)
     * @throws AdminApiUnavailableException no answer within the budget, or an error answer
     */
    JsonNode execute(ShopDomain shop, String operation, String query, ObjectNode variables) {
        byte[] body = body(query, variables);
        String accessToken;
        try {
            accessToken = token.apply(shop);
        } catch (RuntimeException e) {
            // A secret the function may not read, or a parameter store that is down: the lookup is unavailable,
            // the message is still answered (without details).
            throw new AdminApiUnavailableException(operation + ": access token unavailable (" + e.getClass().getSimpleName() + ")", e);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint(baseUri.apply(shop), API_VERSION))
                .timeout(callTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-Shopify-Access-Token", accessToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Instant deadline = clock.instant().plus(retryBudget);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response = send(request, operation);
            JsonNode answer = parse(response, operation);
            Duration wait;
            if (response.statusCode() == 429) {
                wait = retryAfter(response).orElseGet(() -> waitForBucket(answer));
            } else if (response.statusCode() >= 500) {
                wait = Duration.ofMillis(250L * attempt);
            } else if (response.statusCode() != 200) {
                // 401/403/404: a wrong token, missing scope or unknown shop; retrying cannot help.
                throw new AdminApiUnavailableException(operation + ": HTTP " + response.statusCode());
            } else if (throttled(answer)) {
                wait = waitForBucket(answer);
            } else if (answer.path("errors").isArray() && !answer.path("errors").isEmpty()) {
                throw new AdminApiUnavailableException(operation + ": errors " + errorCodes(answer));
            } else {
                return answer.path("data");
            }
            if (attempt >= maxAttempts || clock.instant().plus(wait).isAfter(deadline)) {
                throw new AdminApiUnavailableException(operation + ": throttled or unavailable (HTTP " + response.statusCode()
                        + ") after " + attempt + " attempt(s); retry budget " + retryBudget.toMillis() + " ms spent");
            }
            try {
                pause.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdminApiUnavailableException(operation + ": interrupted while backing off", e);
            }
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, String operation) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // HttpTimeoutException is an IOException: a slow shop is an unavailable one.
            throw new AdminApiUnavailableException(operation + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiUnavailableException(operation + ": interrupted", e);
        }
    }

    private static JsonNode parse(HttpResponse<byte[]> response, String operation) {
        byte[] bytes = response.body();
        if (bytes == null || bytes.length == 0) {
            return JsonTrees.object();
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new AdminApiUnavailableException(operation + ": answer over " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JsonTrees.read(bytes);
            return node == null || !node.isObject() ? JsonTrees.object() : node;
        } catch (IOException e) {
            if (response.statusCode() != 200) {
                return JsonTrees.object();
            }
            throw new AdminApiUnavailableException(operation + ": answer is not JSON", e);
        }
    }

    private static byte[] body(String query, ObjectNode variables) {
        ObjectNode body = JsonTrees.object();
        body.put("query", query);
        body.set("variables", variables);
        try {
            return JsonTrees.writeString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a GraphQL request is always serialisable", e);
        }
    }

    static boolean throttled(JsonNode answer) {
        for (JsonNode error : answer.path("errors")) {
            if ("THROTTLED".equals(error.path("extensions").path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    /** How long until the bucket holds the requested cost again; one second when the answer does not say. */
    static Duration waitForBucket(JsonNode answer) {
        JsonNode cost = answer.path("extensions").path("cost");
        JsonNode status = cost.path("throttleStatus");
        double requested = cost.path("requestedQueryCost").asDouble(0);
        double available = status.path("currentlyAvailable").asDouble(0);
        double rate = status.path("restoreRate").asDouble(0);
        if (rate <= 0 || requested <= 0) {
            return Duration.ofSeconds(1);
        }
        double seconds = Math.max(0, requested - available) / rate;
        return Duration.ofMillis(Math.max(50, (long) Math.ceil(seconds * 1000)));
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                double seconds = Double.parseDouble(value.trim());
                return seconds >= 0 && seconds < 3600 ? java.util.Optional.of(Duration.ofMillis((long) (seconds * 1000)))
                        : java.util.Optional.empty();
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        });
    }

    /** The error codes of an answer, never its messages (they may quote the query's values). */
    private static String errorCodes(JsonNode answer) {
        StringBuilder codes = new StringBuilder("[");
        int n = 0;
        for (JsonNode error : answer.path("errors")) {
            if (n++ > 0) {
                codes.append(", ");
            }
            codes.append(error.path("extensions").path("code").asText("UNKNOWN"));
            if (n >= 5) {
                break;
            }
        }
        return codes.append(']').toString();
    }
}
