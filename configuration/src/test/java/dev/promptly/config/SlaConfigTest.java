package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Channel;
import dev.promptly.core.sla.AlertHours;
import dev.promptly.core.sla.AlertStage;
import dev.promptly.core.sla.Priority;
import dev.promptly.core.sla.SlaClockKind;
import dev.promptly.core.sla.SlaFacts;
import dev.promptly.core.sla.TimeBasis;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaConfigTest {
    private static final String PREFIX = "shops[\"demo-shop.myshopify.com\"].sla";

    private static String withSla(String sla) throws Exception {
        return Files.readString(Path.of("..", "config", "promptly.example.json"))
                .replace("\"sla\": { \"first_response\": \"PT4H\" }", "\"sla\": " + sla);
    }

    private static ShopConfig shop(String sla) throws Exception {
        return ConfigParser.parse(withSla(sla), "test", true).shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow();
    }

    private static List<String> problems(String sla) {
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(withSla(sla), "test", true)).problems();
    }

    @Test
    void theSimpleFormBecomesOneDefaultPolicyWithDefaultAlertsToTheSupportAddress() throws Exception {
        ShopConfig shop = shop("{ \"first_response\": \"PT4H\" }");

        var match = shop.sla().policies().match(SlaFacts.of(Channel.CHAT)).orElseThrow();
        assertEquals("default", match.policy().name());
        assertEquals(Duration.ofHours(4), match.policy().target(SlaClockKind.FIRST_RESPONSE).orElseThrow().budget());
        assertEquals(TimeBasis.BUSINESS, match.policy().target(SlaClockKind.FIRST_RESPONSE).orElseThrow().basis());
        assertEquals(Duration.ofHours(4), shop.firstResponseTarget(), "the acknowledgement's promise is unchanged");
        assertEquals(List.of("warning-PT1H", "warning-PT15M", "breach"), shop.sla().plan().stages().stream().map(AlertStage::key).toList());
        assertEquals(new AlertTarget("support", AlertTarget.Channel.EMAIL, "support@demo-shop.example"),
                shop.sla().targetsOf(AlertStage.BREACH).get(0));
        assertNull(shop.alertHours().hours());
    }

    @Test
    void policiesAlertsAndAlertHoursAreReadInOrder() throws Exception {
        ShopConfig shop = shop("""
                {
                  "first_response": "PT4H",
                  "policies": [
                    {"name": "vip", "match": {"customer_tags": ["VIP"], "min_order_value": 500, "channels": ["email"]},
                     "urgent": true, "first_response": "PT1H", "next_response": {"target": "PT2H", "time": "calendar"}},
                    {"name": "urgent", "match": {"priorities": ["urgent"], "tags": ["Refund"]}, "time": "calendar", "first_response": "PT30M"},
                    {"name": "standard", "first_response": "PT4H", "resolution": "P2D"}
                  ],
                  "alerts": {
                    "targets": {
                      "team": {"slack": "ssm:/promptly/secrets/demo/slack"},
                      "ops": {"sns": "arn:aws:sns:eu-central-1:123456789012:promptly-alerts"},
                      "lead": {"email": "lead@demo-shop.example"}
                    },
                    "stages": [
                      {"stage": "warning", "before": "PT30M", "notify": ["team"]},
                      {"stage": "breach", "notify": ["team", "ops"]},
                      {"stage": "escalation", "after": "PT1H", "notify": ["lead"]}
                    ],
                    "conversation_url": "https://helpdesk.demo-shop.example/tickets/{ticket}"
                  },
                  "alert_hours": {"hours": "business_hours", "outside": "digest"}
                }""");

        var settings = shop.sla();
        var vip = settings.policies().match(new SlaFacts(Channel.EMAIL, Priority.NORMAL, Set.of(), new BigDecimal("600"), Set.of("vip")))
                .orElseThrow();
        assertEquals("vip", vip.policy().name());
        assertTrue(vip.policy().urgent());
        assertEquals(TimeBasis.CALENDAR, vip.policy().target(SlaClockKind.NEXT_RESPONSE).orElseThrow().basis());
        assertEquals(TimeBasis.BUSINESS, vip.policy().target(SlaClockKind.FIRST_RESPONSE).orElseThrow().basis());
        var urgent = settings.policies().match(new SlaFacts(Channel.CHAT, Priority.URGENT, Set.of("refund"), null, Set.of())).orElseThrow();
        assertEquals("urgent", urgent.policy().name());
        assertEquals(TimeBasis.CALENDAR, urgent.policy().target(SlaClockKind.FIRST_RESPONSE).orElseThrow().basis());
        assertEquals("standard", settings.policies().match(SlaFacts.of(Channel.FORM)).orElseThrow().policy().name());
        assertEquals(List.of("team", "ops"), settings.targetsOf(AlertStage.BREACH).stream().map(AlertTarget::name).toList());
        assertEquals(AlertTarget.Channel.SLACK, settings.targets().get("team").channel());
        assertEquals("ssm:/promptly/secrets/demo/slack", settings.targets().get("team").address());
        assertEquals(List.of("lead"), settings.targetsOf(AlertStage.escalation(Duration.ofHours(1))).stream().map(AlertTarget::name).toList());
        assertEquals("https://helpdesk.demo-shop.example/tickets/{ticket}", settings.conversationUrl());
        assertEquals(AlertHours.Outside.DIGEST, shop.alertHours().outside());
        assertFalse(shop.alertHours().hours() == null);
    }

    @Test
    void eachProblemIsNamedByItsPath() {
        var problems = problems("""
                {
                  "first_response": "PT4H",
                  "policies": [
                    {"name": "vip", "first_response": "PT1H", "match": {"priorities": ["asap"], "min_order_value": -1}},
                    {"name": "zero", "first_response": "PT0S", "next_response": {"target": "PT1H", "time": "weekly"}},
                    {"name": "vip", "resolution": "P1D", "urgnt": true}
                  ],
                  "alerts": {
                    "targets": {"team": {"slack": "https://hooks.slack.com/services/T/B/X"}, "ops": {"sns": "my-topic"}},
                    "stages": [{"stage": "warning", "notify": ["team"]}, {"stage": "breach", "notify": ["nobody"]},
                               {"stage": "escalation", "after": "PT1H", "notify": ["support"]}]
                  },
                  "alert_hours": {"hours": "office", "outside": "later"}
                }""");

        assertTrue(problems.contains(PREFIX + ".policies[0].match.priorities[0]: must be low, normal, high or urgent"), problems.toString());
        assertTrue(problems.contains(PREFIX + ".policies[0].match.min_order_value: must be a number >= 0 (the order total in the shop's currency)"),
                problems.toString());
        assertTrue(problems.contains(PREFIX + ".policies[1].first_response: must be > 0"), problems.toString());
        assertTrue(problems.contains(PREFIX + ".policies[1].next_response.time: must be \"business\" or \"calendar\""), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".policies[2].urgnt: unknown setting")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".alerts.targets.team.slack: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".alerts.targets.ops.sns: must be an SNS topic ARN")), problems.toString());
        assertTrue(problems.contains(PREFIX + ".alerts.stages[0].before: is required (an ISO-8601 duration such as \"PT15M\")"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".alerts.stages[1].notify[0]: unknown target \"nobody\"")),
                problems.toString());
        assertTrue(problems.contains(PREFIX + ".alert_hours.hours: must be \"business_hours\" (the shop's calendar) or \"always\""),
                problems.toString());
        assertTrue(problems.contains(PREFIX + ".alert_hours.outside: must be \"hold\", \"digest\" or \"send\""), problems.toString());
    }

    @Test
    void aRepeatedPolicyNameIsRefused() {
        var problems = problems("""
                {"first_response": "PT4H", "policies": [{"name": "a", "first_response": "PT1H"}, {"name": "a", "resolution": "P1D"}]}""");

        assertEquals(List.of(PREFIX + ".policies[1].name: \"a\" is used by an earlier policy"), problems);
    }

    @Test
    void aPolicyWithoutTargetsIsRefused() {
        var problems = problems("{\"first_response\": \"PT4H\", \"policies\": [{\"name\": \"empty\"}]}");

        assertEquals(List.of(PREFIX + ".policies[0]: needs at least one of first_response, next_response, resolution"), problems);
    }
}
