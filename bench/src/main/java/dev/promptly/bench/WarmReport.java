package dev.promptly.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The warm tables and the cost model, in Markdown. Prices are the published on-demand prices for
 * eu-central-1 (Frankfurt) as stated in docs/performance.md; change them here and in the doc together.
 */
final class WarmReport {
    /** DynamoDB on-demand, Standard table class, eu-central-1, USD per request unit. */
    static final double WRU = 0.7625 / 1e6;
    static final double RRU = 0.1525 / 1e6;
    /** Lambda x86, eu-central-1, USD: per GB-second (first 6 billion GB-s a month) and per request. */
    static final double GB_SECOND = 0.0000166667;
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    /** The functions' memory (template.yaml Globals). */
    static final double MEMORY_GB = 1.0;
    /** Assumed DynamoDB round trip inside the region, added per request to the local handler time. */
    static final double ROUND_TRIP_MS = 10;
    static final int ORDERS = 10_000;
    static final int MINUTES_PER_MONTH = 30 * 24 * 60;

    private WarmReport() {
    }

    /** One line of the monthly model: how many of a business event per order (or per month), and its measured cost basis. */
    private record Line(String accounted, String latencyRow, double perOrder, double perMonth, boolean invocation) {
    }

    private static final List<Line> MODEL = List.of(
            new Line("webhook orders/create", "orders/create", 1, 0, true),
            new Line("webhook orders/updated", "orders/create", 1, 0, true),
            new Line("webhook fulfillments/create", "fulfillments/create", 1, 0, true),
            new Line("webhook fulfillment_events/create", "fulfillments/create", 1, 0, true),
            new Line("webhook orders/fulfilled", "fulfillments/create", 1, 0, true),
            new Line("webhook orders/create, redelivered (duplicate)", "orders/create", 0.25, 0, true),
            new Line("POST /messages (WISMO e-mail relay, own order)", "POST /messages", 0.10, 0, true),
            new Line("inbound e-mail (WISMO, own order)", "SES receipt", 0.10, 0, true),
            new Line("outbox delivery (stream record, one mail)", "acknowledgement mail", 0.25, 0, true),
            new Line("delay scan, per late order due", "delay-scan", 0.05, 0, false),
            new Line("outbox sweep, nothing due (every minute)", "GET /data-requests", 0, MINUTES_PER_MONTH, true),
            new Line("delay scan, nothing due (every 15 minutes)", "GET /data-requests", 0, MINUTES_PER_MONTH / 15.0, true),
            // Two team events (a reply, solved) per conversation, and a conversation for every tenth order.
            new Line("agent event (agent_replied on a new conversation)", "agent_replied", 0.2, 0, true),
            new Line("SLA monitor, nothing due (every minute)", "sla-monitor", 0, MINUTES_PER_MONTH, true));

    static String markdown(List<WarmBench.Row> rows, List<WarmBench.Accounted> accounted, List<WarmBench.ItemSizes> sizes, int events, int warmup) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Machine: %d CPUs, %s %s; one thread, one event at a time; %d measured events per row after %d warm-up "
                        + "events (delay scan: runs), in this order.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), events, warmup));
        md.append("| Handler (in-process, DynamoDB Local) | p50 ms | p90 ms | p99 ms | max ms | events/s | |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        double raw = rows.get(0).latencyMillis().median();
        for (var r : rows) {
            var s = r.latencyMillis();
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %,.0f | %s; p50 %.1f× raw PutItem |%n", r.name(), s.median(), s.p90(),
                    s.percentile(0.99), s.percentile(1.0), r.eventsPerSecond(), r.note(), s.median() / raw));
        }

        md.append("\nDynamoDB requests and consumed capacity per business event (mean of ")
                .append(20).append(" events each; capacity as DynamoDB Local reports it with ReturnConsumedCapacity=TOTAL):\n\n");
        md.append("| Business event | requests | read units | write units | refused writes | operations (total over the events) |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
        Map<String, WarmBench.Accounted> byName = new LinkedHashMap<>();
        for (var a : accounted) {
            byName.put(a.name(), a);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %s |%n", a.name(), a.requests(), a.readUnits(), a.writeUnits(),
                    a.refusedWrites(), a.operations().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        }

        md.append("\nStored item sizes after that pass (attribute names plus values, as DynamoDB sizes items):\n\n");
        md.append("| Item kind (sort key prefix) | items | mean bytes | largest bytes |\n| --- | ---: | ---: | ---: |\n");
        for (var z : sizes) {
            md.append(String.format(Locale.ROOT, "| `%s` | %,d | %,.0f | %,d |%n", z.kind(), z.count(), z.meanBytes(), z.maxBytes()));
        }

        md.append(String.format(Locale.ROOT, "%nCost of %,d orders a month (eu-central-1, on-demand; refused conditional writes billed as 1 write unit each; "
                + "Lambda billed duration = local p50 + %.0f ms per DynamoDB request, at %.0f GB):%n%n", ORDERS, ROUND_TRIP_MS, MEMORY_GB));
        md.append("| Event | per order | per month | invocations | read units | write units | GB-s | DynamoDB USD | Lambda USD |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        double dynamoTotal = 0;
        double lambdaTotal = 0;
        for (Line line : MODEL) {
            WarmBench.Accounted a = byName.entrySet().stream().filter(e -> e.getKey().startsWith(line.accounted())).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new IllegalStateException("not accounted: " + line.accounted()));
            double count = line.perOrder() * ORDERS + line.perMonth();
            double reads = count * a.readUnits();
            double writes = count * (a.writeUnits() + a.refusedWrites());
            double dynamo = reads * RRU + writes * WRU;
            double invocations = line.invocation() ? count : 0;
            double p50 = rows.stream().filter(r -> r.name().contains(line.latencyRow())).findFirst()
                    .map(r -> r.latencyMillis().median() / (r.name().startsWith("delay-scan") ? 20.0 : 1.0)).orElse(0.0);
            double seconds = Math.ceil(p50 + ROUND_TRIP_MS * a.requests()) / 1000;
            double gbs = count * seconds * MEMORY_GB;
            double lambda = gbs * GB_SECOND + invocations * LAMBDA_REQUEST;
            dynamoTotal += dynamo;
            lambdaTotal += lambda;
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %,.0f | %,.1f | %.4f | %.4f |%n", a.name(),
                    line.perOrder() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", line.perOrder()),
                    line.perMonth() == 0 ? "–" : String.format(Locale.ROOT, "%,.0f", line.perMonth()),
                    invocations, reads, writes, gbs, dynamo, lambda));
        }
        md.append(String.format(Locale.ROOT, "| **total** | | | | | | | **%.2f** | **%.2f** |%n", dynamoTotal, lambdaTotal));
        md.append(String.format(Locale.ROOT, "%nTogether **USD %.2f a month for %,d orders** (DynamoDB requests and Lambda only; "
                + "storage, API Gateway, SES, S3, CloudWatch and free tiers left out).%n", dynamoTotal + lambdaTotal, ORDERS));
        return md.toString();
    }
}
