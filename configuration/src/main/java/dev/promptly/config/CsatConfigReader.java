package dev.promptly.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Reads a shop's optional {@code csat} object into {@link CsatSettings}, adding each problem with its path. */
final class CsatConfigReader {
    static final String KEY = "csat";
    private static final Set<String> KEYS = Set.of("_comment", "enabled", "delay", "require_human_reply", "min_days_between",
            "link_valid_for", "token_secret", "link_base_url");
    private static final int MAX_DAYS_BETWEEN = 365;
    private static final Duration MAX_DELAY = Duration.ofDays(30);

    private final ConfigParser parser;
    private final List<String> problems;

    CsatConfigReader(ConfigParser parser, List<String> problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** {@link CsatSettings#OFF} when the shop has no {@code csat} object; null when a problem was added. */
    CsatSettings read(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return CsatSettings.OFF;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object such as {\"enabled\": true, \"token_secret\": \"ssm:…\", \"link_base_url\": \"https://…\"}");
            return null;
        }
        int before = problems.size();
        parser.unknownKeys(node, path, KEYS);
        boolean enabled = flag(node, path, "enabled", false);
        Duration delay = duration(node, path, "delay", CsatSettings.DEFAULT_DELAY, Duration.ZERO, MAX_DELAY);
        boolean requireHumanReply = flag(node, path, "require_human_reply", true);
        int minDays = CsatSettings.DEFAULT_MIN_DAYS_BETWEEN;
        JsonNode days = node.path("min_days_between");
        if (!days.isMissingNode()) {
            if (!days.isInt() || days.asInt() < 0 || days.asInt() > MAX_DAYS_BETWEEN) {
                problems.add(path + ".min_days_between: must be a whole number of days from 0 to " + MAX_DAYS_BETWEEN);
            } else {
                minDays = days.asInt();
            }
        }
        Duration validity = duration(node, path, "link_valid_for", CsatSettings.DEFAULT_LINK_VALIDITY, Duration.ofHours(1), Duration.ofDays(365));
        SecretRef secret = parser.secret(node, path, "token_secret", enabled);
        URI base = baseUrl(parser.text(node, path, "link_base_url", enabled), path + ".link_base_url");
        if (problems.size() > before) {
            return null;
        }
        return new CsatSettings(enabled, delay, requireHumanReply, minDays, validity, secret, base);
    }

    private boolean flag(JsonNode node, String path, String field, boolean fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problems.add(path + "." + field + ": must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    private Duration duration(JsonNode node, String path, String field, Duration fallback, Duration min, Duration max) {
        String raw = parser.text(node, path, field, false);
        Duration value = parser.attempt(path + "." + field, raw, Duration::parse);
        if (value == null) {
            return fallback;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problems.add(path + "." + field + ": must be an ISO-8601 duration from " + min + " to " + max + " (e.g. PT2H)");
            return fallback;
        }
        return value;
    }

    /** The public origin (and optional path prefix, e.g. an API stage) the survey links start with. */
    private URI baseUrl(String raw, String path) {
        if (raw == null) {
            return null;
        }
        URI uri = BaseUrls.parse(raw);
        if (uri == null) {
            problems.add(path + ": is not a URL");
            return null;
        }
        if (!BaseUrls.isSecureOrLocalWithoutQuery(uri) || uri.getRawFragment() != null) {
            problems.add(path + ": must be the https:// URL of the deployment's API, e.g. https://abc123.execute-api.eu-central-1"
                    + ".amazonaws.com (http:// only for localhost), without query");
            return null;
        }
        return uri;
    }
}
