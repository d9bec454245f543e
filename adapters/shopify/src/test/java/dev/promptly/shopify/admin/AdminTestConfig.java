package dev.promptly.shopify.admin;

import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;

/** A configuration with one shop that has Admin API access ({@code literal:} token) and one that has none. */
final class AdminTestConfig {
    static final String TOKEN = "shpat_local_test_token";
    static final String SHOP = "admin-shop.myshopify.com";
    static final String PLAIN_SHOP = "plain-shop.myshopify.com";

    private AdminTestConfig() {
    }

    static PromptlyConfig config() {
        return config("");
    }

    /** As {@link #config()}, with {@code extra} JSON members (each with a leading comma) added to the Admin API shop. */
    static PromptlyConfig config(String extra) {
        return ConfigParser.parse("""
                {"shops": {
                  "%s": %s,
                  "%s": %s
                }}
                """.formatted(SHOP, shop(",\"shopify_admin\": {\"access_token\": \"literal:" + TOKEN + "\"}" + extra), PLAIN_SHOP, shop("")),
                "test", true);
    }

    private static String shop(String extra) {
        return """
                {"support_email": "support@shop.example", "languages": ["de", "en"], "time_zone": "Europe/Berlin",
                 "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:a"},
                 "business_hours": {"weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"], "wednesday": ["09:00-18:00"],
                   "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}, "closures": []},
                 "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2 %s}
                """.formatted(extra);
    }
}
