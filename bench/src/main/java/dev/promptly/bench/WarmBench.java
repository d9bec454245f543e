package dev.promptly.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Warm handlers in this JVM against DynamoDB Local: per-event latency and events per second through each
 * handler, one event at a time, next to a raw {@code PutItem} loop on the same DynamoDB Local in the same
 * run; then, on a second table with {@code ReturnConsumedCapacity=TOTAL} asked for on every request,
 * the DynamoDB requests and capacity units per business event, and what 10,000 orders a month cost.
 */
final class WarmBench {
    static final String LATENCY_TABLE = "promptly-bench-warm";
    static final String CAPACITY_TABLE = "promptly-bench-capacity";
    private static final List<String> LIFECYCLE = List.of("orders-create", "orders-updated", "fulfillments-create",
            "fulfillment-events-create", "orders-fulfilled");
    private static final Map<String, String> TOPICS = Map.of("orders-create", "orders/create", "orders-updated", "orders/updated",
            "fulfillments-create", "fulfillments/create", "fulfillment-events-create", "fulfillment_events/create",
            "orders-fulfilled", "orders/fulfilled");
    /** Each capacity figure is the mean over this many business events. */
    private static final int ACCOUNTED = 20;
    /** Due orders per measured delay-scan run. */
    private static final int DUE_PER_SCAN = 20;

    private final Path repo;
    private final int events;
    private final int warmup;
    private final BenchEvents samples;
    private long nextOrder = 100_000;

    WarmBench(Path repo, int events) {
        this.repo = repo;
        this.events = events;
        this.warmup = Math.max(50, events / 4);
        this.samples = new BenchEvents(repo);
    }

    record Row(String name, Stats latencyMillis, double eventsPerSecond, String note) {
    }

    /** Stored items by kind (the sort key's prefix) after the accounting pass: count, mean and largest size. */
    record ItemSizes(String kind, int count, double meanBytes, int maxBytes) {
    }

    record Accounted(String name, double requests, double readUnits, double writeUnits, double refusedWrites, Map<String, Integer> operations) {
    }

    String run() throws Exception {
        PromptlyConfig config = benchConfig(repo);
        List<Row> rows = new ArrayList<>();
        List<Accounted> accounted = new ArrayList<>();
        List<ItemSizes> sizes = new ArrayList<>();
        try (var dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(LATENCY_TABLE),
                PromptlyTable.createTableRequest(CAPACITY_TABLE)));
             var aws = new FakeAws()) {
            var counting = new DynamoAccounting(false);
            try (DynamoDbClient client = dynamo.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(counting)).build()) {
                var system = new BenchSystem(client, LATENCY_TABLE, config, aws, Clock.systemUTC());
                latency(system, client, aws, rows);
            }
            var capacity = new DynamoAccounting(true);
            try (DynamoDbClient client = dynamo.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(capacity)).build()) {
                var system = new BenchSystem(client, CAPACITY_TABLE, config, aws, Clock.systemUTC());
                accounting(system, client, aws, capacity, accounted);
                sizes.addAll(itemSizes(client));
            }
        }
        return WarmReport.markdown(rows, accounted, sizes, events, warmup);
    }

    /**
     * The example configuration with reply budgets that a benchmark of thousands of messages cannot exhaust, and delay
     * notices sent at any hour: the bench reads the wall clock, and outside the example's 08:00-20:00 window the scan
     * would hold its notices instead of sending them, so the delay-scan row would measure other work by time of day.
     */
    static PromptlyConfig benchConfig(Path repo) throws IOException {
        ObjectNode root = (ObjectNode) BenchEvents.tree(Files.readString(repo.resolve("config/promptly.example.json")));
        root.get("shops").forEach(shop -> ((ObjectNode) shop).putObject("auto_reply_budget")
                .put("per_sender_per_day", 1_000_000).put("per_shop_per_hour", 1_000_000));
        BenchEvents.sendDelayNoticesAtAnyHour(root);
        return ConfigParser.parse(root.toString(), "config/promptly.example.json with budgets raised for the benchmark", true);
    }

    // --- latency ---

    private void latency(BenchSystem s, DynamoDbClient client, FakeAws aws, List<Row> rows) throws Exception {
        int total = warmup + events;
        rows.add(measure("raw PutItem (same client setup, same DynamoDB Local)", total, i -> () -> client.putItem(b -> b.tableName(s.table)
                .item(Map.of("pk", AttributeValue.fromS("raw"), "sk", AttributeValue.fromS("PUT#" + i),
                        "bytes", AttributeValue.fromN("123")))), "one small item per call"));

        long firstOrder = nextOrder;
        rows.add(measure("shopify-webhook: orders/create (new order)", total, i -> {
            var event = webhook("orders-create", firstOrder + i);
            return () -> BenchSystem.expectStatus(s.webhook.handleRequest(event, null), 200, "orders/create");
        }, "signed; verify, read order, write receipt + order"));
        rows.add(measure("shopify-webhook: fulfillments/create (existing order)", total, i -> {
            var event = webhook("fulfillments-create", firstOrder + i);
            return () -> BenchSystem.expectStatus(s.webhook.handleRequest(event, null), 200, "fulfillments/create");
        }, "merges the shipment into the order"));
        nextOrder += total;

        rows.add(measure("messages-api: POST /messages (WISMO, own order)", total, i -> {
            var event = BenchSystem.httpEvent(samples.messageEvent(firstOrder + i, "bench-msg-" + (firstOrder + i) + "@relay.example"));
            return () -> BenchSystem.expectStatus(s.messages.handleRequest(event, null), 202, "message");
        }, "new conversation, WISMO answer in the acknowledgement, outbox record"));

        rows.add(measure("inbound-email: SES receipt (WISMO, own order)", total, i -> inboundMail(s, aws, firstOrder + i, "bench-ses-"),
                "raw mail from the S3 stand-in, parsed, then as above"));

        List<String> outbox = s.outboxKeys(BenchEvents.SHOP);
        int deliveries = Math.min(total, outbox.size());
        int sentBefore = aws.mailsSent();
        rows.add(measure("outbox-sender (stream): one acknowledgement mail", deliveries, i -> {
            byte[] event = bytes(BenchEvents.streamInsert(BenchEvents.SHOP, outbox.get(i), i + 1));
            return () -> BenchSystem.stream(s.outboxStream, event);
        }, "claim, SES v2 stand-in, outcome"));
        if (aws.mailsSent() - sentBefore != deliveries) {
            throw new IllegalStateException("expected " + deliveries + " mails, the SES stand-in got " + (aws.mailsSent() - sentBefore));
        }

        var dataRequest = BenchSystem.httpEvent(samples.webhookEvent("customers/data_request",
                samples.webhookBody("customers-data-request", firstOrder), "bench-data-request"));
        BenchSystem.expectStatus(s.webhook.handleRequest(dataRequest, null), 200, "data request");
        var exportEvent = BenchSystem.httpEvent(BenchEvents.tree(samples.read("data-export/get-export.json")));
        rows.add(measure("data-export: GET /data-requests/{id}", total,
                i -> () -> BenchSystem.expectStatus(s.export.handleRequest(exportEvent, null), 200, "export"), "one GetItem"));

        rows.add(measure("conversation-events: POST /conversations/{id}/events (agent_replied)", total, i -> {
            var event = agentReplied(s, firstOrder + i);
            return () -> BenchSystem.expectStatus(s.conversationEvents.handleRequest(event, null), 200, "agent_replied");
        }, "token check, read conversation and its event log, append the event, answer the clocks"));
        byte[] minute = Files.readAllBytes(samples.file("sla-monitor/schedule.json"));
        rows.add(measure("sla-monitor: one run, nothing due", total, i -> () -> BenchSystem.stream(s.slaMonitor, minute),
                "the every-minute common case: one Query of the SlaDue index"));

        int scans = Math.max(5, events / 40);
        int scanWarmup = 3;
        byte[] scheduled = Files.readAllBytes(samples.file("outbox-sender/schedule.json"));
        rows.add(measure("delay-scan: one run with " + DUE_PER_SCAN + " late orders due", scanWarmup + scans, scanWarmup, i -> {
            seedLateOrders(s, DUE_PER_SCAN);
            return () -> {
                String report = BenchSystem.stream(s.delayScan, scheduled);
                if (!report.contains("\"due\":" + DUE_PER_SCAN)) {
                    throw new IllegalStateException("delay scan: " + report);
                }
            };
        }, "per run; divide by " + DUE_PER_SCAN + " for one order"));
        // Last: the orders these lookups store are unshipped, and would be due in the delay scan above.
        adminLookups(s, rows, total);
    }

    /**
     * The same WISMO message about an order Promptly never stored, so the intake asks the Admin API stand-in (no
     * delay of its own) by the order's name: found (stored as a webhook would store it, then answered) and not
     * found (the miss remembered). Less the own-order row, this is what a live lookup adds.
     */
    private void adminLookups(BenchSystem s, List<Row> rows, int total) throws IOException {
        try (var adminApi = new AdminApiStandIn("local-admin-token")) {
            var handler = s.messagesWithAdminLookups(adminApi);
            for (boolean exists : new boolean[] {true, false}) {
                adminApi.ordersExist(exists);
                long first = nextOrder;
                nextOrder += total;
                int callsBefore = adminApi.calls();
                rows.add(measure("messages-api: POST /messages (WISMO, order not stored, Admin API " + (exists ? "finds it)" : "has none)"),
                        total, i -> {
                            var event = BenchSystem.httpEvent(samples.messageEvent(first + i, "bench-admin-" + (first + i) + "@relay.example"));
                            return () -> BenchSystem.expectStatus(handler.handleRequest(event, null), 202, "message");
                        }, exists ? "1 Admin API call (stand-in, no delay), order stored, WISMO answer"
                                : "1 Admin API call, miss remembered, acknowledgement without order details"));
                if (adminApi.calls() - callsBefore != total) {
                    throw new IllegalStateException("expected " + total + " Admin API calls, the stand-in got " + (adminApi.calls() - callsBefore));
                }
            }
        }
    }

    /** A new conversation from customer n (set up untimed) and the agent_replied event for it. */
    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent agentReplied(BenchSystem s, long n) {
        var message = BenchSystem.httpEvent(samples.messageEvent(n, "bench-agent-" + n + "@relay.example"));
        var answer = s.messages.handleRequest(message, null);
        BenchSystem.expectStatus(answer, 202, "message before agent_replied");
        String ticket = BenchEvents.tree(answer.getBody()).path("ticket").asText();
        return BenchSystem.httpEvent(BenchEvents.tree(samples.read("conversation-events/agent-replied.json").replace("PR-7K3M9QX2AB", ticket)
                .replace(", \\\"at\\\": \\\"2026-11-25T10:00:00Z\\\"", "")));
    }

    /** Stores customer n's mail about order n in the S3 stand-in; the call delivers its SES receipt. */
    private Runnable inboundMail(BenchSystem s, FakeAws aws, long n, String idPrefix) {
        String id = idPrefix + n;
        aws.putMail(id, BenchEvents.rawMail(BenchEvents.customerEmail(n), n, id, Instant.now()));
        byte[] event = bytes(samples.sesEvent(n, id));
        return () -> BenchSystem.stream(s.email, event);
    }

    private void seedLateOrders(BenchSystem s, int count) {
        Instant placed = Instant.now().minus(Duration.ofDays(10));
        for (int k = 0; k < count; k++) {
            long n = nextOrder++;
            String body = samples.webhookBody("orders-create", n, placed);
            BenchSystem.expectStatus(s.webhook.handleRequest(BenchSystem.httpEvent(samples.webhookEvent("orders/create", body, "bench-late-" + n)), null),
                    200, "late order");
        }
    }

    private APIGatewayV2HTTPEvent webhook(String bodyFile, long n) {
        return BenchSystem.httpEvent(samples.webhookEvent(TOPICS.get(bodyFile), samples.webhookBody(bodyFile, n), "bench-" + bodyFile + "-" + n));
    }

    private static byte[] bytes(JsonNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Row measure(String name, int total, IntFunction<Runnable> prepare, String note) {
        return measure(name, total, Math.min(warmup, total / 5), prepare, note);
    }

    /**
     * Prepares event i (not timed), then times only the handler call; the first {@code skip} calls warm
     * the JIT and are not reported. Events per second is measured calls over their summed time.
     */
    private Row measure(String name, int total, int skip, IntFunction<Runnable> prepare, String note) {
        List<Double> millis = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < total; i++) {
            Runnable call = prepare.apply(i);
            long start = System.nanoTime();
            call.run();
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (i >= skip) {
                millis.add(elapsed);
                sum += elapsed;
            }
        }
        System.err.printf(Locale.ROOT, "%s: %d measured%n", name, millis.size());
        return new Row(name, Stats.of(millis), millis.size() / (sum / 1000), note);
    }

    // --- requests and capacity per business event ---

    private void accounting(BenchSystem s, DynamoDbClient client, FakeAws aws, DynamoAccounting capacity, List<Accounted> out) throws Exception {
        long first = nextOrder;
        nextOrder += ACCOUNTED;
        for (String bodyFile : LIFECYCLE) {
            out.add(account("webhook " + TOPICS.get(bodyFile), capacity, i -> {
                var event = webhook(bodyFile, first + i);
                return () -> BenchSystem.expectStatus(s.webhook.handleRequest(event, null), 200, bodyFile);
            }));
        }
        out.add(account("webhook orders/create, redelivered (duplicate)", capacity, i -> {
            var event = webhook("orders-create", first + i);
            return () -> BenchSystem.expectStatus(s.webhook.handleRequest(event, null), 200, "duplicate");
        }));
        out.add(account("POST /messages (WISMO e-mail relay, own order)", capacity, i -> {
            var event = BenchSystem.httpEvent(samples.messageEvent(first + i, "bench-acct-msg-" + (first + i) + "@relay.example"));
            return () -> BenchSystem.expectStatus(s.messages.handleRequest(event, null), 202, "message");
        }));
        out.add(account("inbound e-mail (WISMO, own order)", capacity, i -> inboundMail(s, aws, first + i, "bench-acct-ses-")));
        List<String> outbox = s.outboxKeys(BenchEvents.SHOP);
        out.add(account("outbox delivery (stream record, one mail)", capacity, i -> {
            byte[] event = bytes(BenchEvents.streamInsert(BenchEvents.SHOP, outbox.get(i), i + 1));
            return () -> BenchSystem.stream(s.outboxStream, event);
        }));
        byte[] scheduled = Files.readAllBytes(samples.file("outbox-sender/schedule.json"));
        // The remaining acknowledgements are pending; deliver them so the sweep below finds nothing due.
        for (String key : outbox.subList(ACCOUNTED, outbox.size())) {
            BenchSystem.stream(s.outboxStream, bytes(BenchEvents.streamInsert(BenchEvents.SHOP, key, 1)));
        }
        out.add(account("outbox sweep, nothing due (every minute)", capacity, i -> () -> BenchSystem.stream(s.outboxSweep, scheduled)));
        out.add(account("delay scan, nothing due (every 15 minutes)", capacity, i -> () -> BenchSystem.stream(s.delayScan, scheduled)));
        out.add(account("SLA monitor, nothing due (every minute)", capacity, i -> () -> BenchSystem.stream(s.slaMonitor, scheduled)));
        out.add(account("agent event (agent_replied on a new conversation)", capacity, i -> {
            var event = agentReplied(s, first + i);
            return () -> BenchSystem.expectStatus(s.conversationEvents.handleRequest(event, null), 200, "agent_replied");
        }));
        seedLateOrders(s, ACCOUNTED);
        capacity.reset();
        String report = BenchSystem.stream(s.delayScan, scheduled);
        if (!report.contains("\"due\":" + ACCOUNTED)) {
            throw new IllegalStateException("delay scan: " + report);
        }
        out.add(accounted("delay scan, per late order due (one run with " + ACCOUNTED + " due)", capacity.snapshot(), ACCOUNTED));
        var exportEvent = BenchSystem.httpEvent(BenchEvents.tree(samples.read("data-export/get-export.json")));
        BenchSystem.expectStatus(s.webhook.handleRequest(BenchSystem.httpEvent(samples.webhookEvent("customers/data_request",
                samples.webhookBody("customers-data-request", first), "bench-acct-data-request")), null), 200, "data request");
        out.add(account("data export GET", capacity, i -> () -> BenchSystem.expectStatus(s.export.handleRequest(exportEvent, null), 200, "export")));
        out.add(account("raw PutItem (small item)", capacity, i -> () -> client.putItem(b -> b.tableName(s.table)
                .item(Map.of("pk", AttributeValue.fromS("raw"), "sk", AttributeValue.fromS("PUT#" + i), "bytes", AttributeValue.fromN("123"))))));
    }

    /** Item sizes as DynamoDB counts them (attribute names plus values), read with a Scan of the benchmark table. */
    private static List<ItemSizes> itemSizes(DynamoDbClient client) {
        Map<String, List<Integer>> byKind = new java.util.TreeMap<>();
        client.scanPaginator(b -> b.tableName(CAPACITY_TABLE)).items().forEach(item -> {
            String sk = item.get("sk").s();
            String kind = sk.contains("#") ? sk.substring(0, sk.indexOf('#') + 1) : sk;
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(size(item));
        });
        List<ItemSizes> out = new ArrayList<>();
        byKind.forEach((kind, list) -> out.add(new ItemSizes(kind, list.size(), list.stream().mapToInt(Integer::intValue).average().orElse(0),
                list.stream().mapToInt(Integer::intValue).max().orElse(0))));
        return out;
    }

    private static int size(Map<String, AttributeValue> item) {
        int total = 0;
        for (var e : item.entrySet()) {
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return total;
    }

    private static int size(AttributeValue v) {
        if (v.s() != null) return v.s().getBytes(StandardCharsets.UTF_8).length;
        if (v.n() != null) return v.n().length() / 2 + 2;
        if (v.b() != null) return v.b().asByteArray().length;
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) return 1;
        if (v.hasM()) return 3 + size(v.m());
        if (v.hasL()) return 3 + v.l().stream().mapToInt(x -> 1 + size(x)).sum();
        if (v.hasSs()) return v.ss().stream().mapToInt(x -> x.getBytes(StandardCharsets.UTF_8).length).sum();
        return 0;
    }

    private Accounted account(String name, DynamoAccounting capacity, IntFunction<Runnable> prepare) {
        List<Runnable> calls = new ArrayList<>();
        for (int i = 0; i < ACCOUNTED; i++) {
            calls.add(prepare.apply(i));
        }
        capacity.reset();
        calls.forEach(Runnable::run);
        return accounted(name, capacity.snapshot(), ACCOUNTED);
    }

    private static Accounted accounted(String name, DynamoAccounting.Snapshot s, int per) {
        if (s.responsesWithoutCapacity() > 0) {
            throw new IllegalStateException(name + ": " + s.responsesWithoutCapacity() + " responses carried no consumed capacity");
        }
        Map<String, Integer> ops = new LinkedHashMap<>(s.operations());
        return new Accounted(name, (double) s.requests() / per, s.readUnits() / per, s.writeUnits() / per, (double) s.failedWrites() / per, ops);
    }
}
