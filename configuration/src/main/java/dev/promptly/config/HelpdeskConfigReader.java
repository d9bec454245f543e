package dev.promptly.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Reads a shop's optional {@code helpdesk} object into {@link HelpdeskSettings}, adding each problem with its path. */
final class HelpdeskConfigReader {
    private static final Set<String> KEYS = Set.of("_comment", "vendor", "base_url", "user", "api_token", "webhook_secret",
            "acknowledge_via", "signature_max_age");

    private final ConfigParser parser;
    private final List<String> problems;

    HelpdeskConfigReader(ConfigParser parser, List<String> problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** Null when the shop has no helpdesk (or a problem was added). */
    HelpdeskSettings read(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object with vendor, base_url, api_token and webhook_secret");
            return null;
        }
        int before = problems.size();
        parser.unknownKeys(node, path, KEYS);
        String vendorName = parser.text(node, path, "vendor", true);
        HelpdeskSettings.Vendor vendor = vendorName == null ? null : HelpdeskSettings.Vendor.fromWire(vendorName).orElse(null);
        if (vendorName != null && vendor == null) {
            problems.add(path + ".vendor: must be one of gorgias, zendesk, freshdesk, helpscout");
        }
        URI baseUrl = baseUrl(parser.text(node, path, "base_url", true), path + ".base_url");
        String user = parser.text(node, path, "user", false);
        if (vendor != null && vendor.needsUser() && user == null) {
            problems.add(path + ".user: is required for " + vendor.wire() + " ("
                    + (vendor == HelpdeskSettings.Vendor.HELPSCOUT ? "the OAuth2 app id" : "the e-mail the API token belongs to") + ")");
        }
        SecretRef token = parser.secret(node, path, "api_token", true);
        SecretRef webhook = parser.secret(node, path, "webhook_secret", true);
        String via = parser.text(node, path, "acknowledge_via", false);
        HelpdeskSettings.AckDelivery delivery = HelpdeskSettings.AckDelivery.MAIL;
        if ("helpdesk".equals(via)) {
            delivery = HelpdeskSettings.AckDelivery.HELPDESK;
        } else if (via != null && !"mail".equals(via)) {
            problems.add(path + ".acknowledge_via: must be helpdesk or mail");
        }
        Duration maxAge = signatureMaxAge(node, path, vendor);
        if (problems.size() > before) {
            return null;
        }
        return new HelpdeskSettings(vendor, baseUrl, user, token, webhook, delivery, maxAge);
    }

    /** The optional {@code signature_max_age}: only Zendesk signs a timestamp, so only Zendesk has one. */
    private Duration signatureMaxAge(JsonNode node, String path, HelpdeskSettings.Vendor vendor) {
        String raw = parser.text(node, path, "signature_max_age", false);
        if (raw == null) {
            return null;
        }
        String field = path + ".signature_max_age";
        if (vendor != null && vendor != HelpdeskSettings.Vendor.ZENDESK) {
            problems.add(field + ": only for zendesk, whose webhooks carry a signed timestamp");
            return null;
        }
        Duration age = parser.attempt(field, raw, Duration::parse);
        if (age != null && (age.isNegative() || age.isZero() || age.compareTo(HelpdeskSettings.MAX_SIGNATURE_AGE) > 0)) {
            problems.add(field + ": must be an ISO-8601 duration > 0 and at most PT1H, such as \"PT5M\"");
            return null;
        }
        return age;
    }

    private URI baseUrl(String raw, String path) {
        if (raw == null) {
            return null;
        }
        URI uri = BaseUrls.parse(raw);
        if (uri == null) {
            problems.add(path + ": is not a URL");
            return null;
        }
        if (!BaseUrls.isSecureOrLocalWithoutQuery(uri) || !uri.getRawPath().isEmpty()) {
            problems.add(path + ": must be the https:// origin of the helpdesk account without a path, "
                    + "e.g. https://acme.zendesk.com (http:// only for localhost)");
            return null;
        }
        return uri;
    }
}
