package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.MessageSignature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@code customers/redact} through the local runner after the customer went through everything Promptly
 * does (the shipped example configuration): two orders, an e-mail about one of them answered with a WISMO
 * reply, a chat question by phone acknowledged, SLA warnings and breaches to the team, a delay notice for
 * one order and the team's note on the other (its conversation is open), a data export. Afterwards every
 * item of the table is read (a test-only Scan) and none may still name the customer.
 */
class LocalRedactionHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = LocalRunnerClient.SHOP;
    /** What identifies Anna: her address, her phone (as typed and as digits), her names. */
    private static final List<String> ANNA = List.of("anna.beispiel@example.com", "+49 30 1234567", "49301234567", "301234567",
            "1234567", "anna", "beispiel");
    private static LocalRunnerClient runner;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 0, false));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static JsonNode message(ObjectNode body) throws Exception {
        String raw = body.put("shop", SHOP).toString();
        HttpResponse<String> response = runner.post("/messages", raw, "Content-Type", "application/json", "X-Promptly-Shop", SHOP,
                "X-Promptly-Signature", MessageSignature.sign("local-messages-secret", raw.getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static void clock(String now) throws Exception {
        assertEquals(200, runner.post("/local/clock", "{\"now\": \"" + now + "\"}").statusCode());
    }

    private static JsonNode job(String name) throws Exception {
        var response = runner.post("/local/jobs/" + name + "/run", "");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void afterARedactionNoItemOfAnyKindNamesTheCustomer() throws Exception {
        runner.post("/local/reset", "");
        clock("2026-11-25T09:00:00Z");
        runner.webhook("orders/create", LocalRunnerClient.shopifySample("orders-create"), "redact-order-1");
        runner.webhook("orders/create", ((ObjectNode) JSON.readTree(LocalRunnerClient.shopifySample("orders-create"))).put("id", 5001002).put("name", "#1002").toString(),
                "redact-order-2");
        ObjectNode mail = JSON.createObjectNode().put("channel", "email").put("message_id", "redact-wismo@mail.example.com")
                .put("subject", "Bestellung #1002").put("text", "Hallo, wo ist meine Bestellung #1002? Viele Grüße, Anna Beispiel")
                .put("received_at", "2026-11-25T09:00:00Z");
        mail.putObject("from").put("name", "Anna Beispiel").put("email", "anna.beispiel@example.com");
        ObjectNode chat = JSON.createObjectNode().put("channel", "chat").put("message_id", "redact-chat-1").put("session_id", "redact-session")
                .put("text", "Hi, can I pay by invoice? Anna Beispiel, +49 30 1234567").put("received_at", "2026-11-25T09:00:00Z");
        // Her address makes the chat hers: a phone number alone never does (another customer may share it).
        chat.putObject("from").put("name", "Anna Beispiel").put("email", "anna.beispiel@example.com").put("phone", "+49 30 1234567");
        message(mail);
        message(chat);
        clock("2026-11-25T12:30:00Z");
        JsonNode warnings = job("sla-monitor");
        clock("2026-11-26T09:00:00Z");
        JsonNode scan = job("delay-scan");
        JsonNode breaches = job("sla-monitor");
        runner.webhook("customers/data_request", LocalRunnerClient.shopifySample("customers-data-request"), "redact-export");
        Set<String> kindsBefore = outboxKinds();
        int conversationsBefore = runner.get("/local/conversations?shop=" + SHOP).size();
        List<String> namingBefore = itemsNaming();
        List<String> keysBefore = sortKeys();

        runner.webhook("customers/redact", LocalRunnerClient.shopifySample("customers-redact"), "redact-1");

        assertEquals(2, conversationsBefore);
        assertTrue(warnings.get("alerts").asInt() >= 1 && breaches.get("alerts").asInt() >= 1, warnings + " / " + breaches);
        assertEquals(1, scan.get("notices").asInt(), scan.toString());
        assertEquals(Set.of("ack", "wismo", "delay_notice", "note", "sla_alert", "team_copy"), kindsBefore, "the customer met every kind of record");
        for (String prefix : List.of("ORDER#", "CONV#", "MSG#", "OUTBOX#", "EXPORT#")) {
            assertTrue(namingBefore.stream().anyMatch(item -> item.startsWith(prefix)), "before: no " + prefix + " item names Anna: " + namingBefore);
        }
        assertEquals(List.of(), itemsNaming(), "items still naming the customer after customers/redact");
        // Her conversations' SLA logs and alert markers name no one by value, but are hers: they go too.
        for (String prefix : List.of("SLAEVT#", "SLAALERT#", "ACK#")) {
            assertTrue(keysBefore.stream().anyMatch(sk -> sk.startsWith(prefix)), "before: no " + prefix + " item in " + keysBefore);
            assertEquals(List.of(), sortKeys().stream().filter(sk -> sk.startsWith(prefix)).toList(), prefix + " items left");
        }
        assertEquals(Set.of(), outboxKinds(), "every outbox record was about the customer");
        assertEquals(0, runner.get("/local/conversations?shop=" + SHOP).size());
    }

    private static Set<String> outboxKinds() throws Exception {
        Set<String> kinds = new TreeSet<>();
        runner.get("/local/outbox").forEach(m -> kinds.add(m.get("kind").asText()));
        return kinds;
    }

    /** The sort keys of every item in the table with any attribute value (nested, or gzip-compressed) naming Anna. */
    private static List<String> itemsNaming() {
        return scan(true);
    }

    private static List<String> sortKeys() {
        return scan(false);
    }

    private static List<String> scan(boolean onlyNamingAnna) {
        var client = runner.system().tableClient();
        List<String> naming = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = client.scan(ScanRequest.builder().tableName(LocalSystem.tableName()).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                StringBuilder text = new StringBuilder();
                item.values().forEach(value -> collect(value, text));
                String all = text.toString().toLowerCase(Locale.ROOT);
                if (!onlyNamingAnna || ANNA.stream().anyMatch(all::contains)) {
                    naming.add(item.get("sk").s());
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return naming;
    }

    private static void collect(AttributeValue value, StringBuilder text) {
        if (value.s() != null) {
            text.append(value.s()).append('\n');
        } else if (value.n() != null) {
            text.append(value.n()).append('\n');
        } else if (value.b() != null) {
            text.append(gunzipOrRaw(value.b().asByteArray())).append('\n');
        } else if (value.hasSs()) {
            value.ss().forEach(s -> text.append(s).append('\n'));
        } else if (value.hasL()) {
            value.l().forEach(v -> collect(v, text));
        } else if (value.hasM()) {
            value.m().values().forEach(v -> collect(v, text));
        }
    }

    /** Exports are stored gzip-compressed, in parts: a part that does not start a gzip stream is read as it is. */
    private static String gunzipOrRaw(byte[] bytes) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
