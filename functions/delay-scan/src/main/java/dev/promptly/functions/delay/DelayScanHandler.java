package dev.promptly.functions.delay;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.delay.DelayScanReport;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.DelayWiring;
import dev.promptly.wiring.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The delay scan, run by an EventBridge schedule (default every 15 minutes) with the scheduled event as
 * input, which it ignores. An operator may invoke it with {@code {"release_breaker": "<shop domain>"}}
 * to let the next run send the notices the circuit breaker held (see docs/operations.md), or with
 * {@code {"backfill": {"shop": "<shop domain>", "days": 60}}} to load the shop's recent orders from its
 * Admin API (docs/shopify-admin.md; the function's 5 minutes suit the long job, and it resumes). Answers
 * with the run's report as JSON.
 */
public final class DelayScanHandler implements RequestStreamHandler, Resource {
    /** At most this many due orders per run; the rest stay due for the next. */
    static final int MAX_ORDERS_PER_RUN = 2_000;
    /** Stop deciding while this much of the invocation's time is left, so a run never ends half-written. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);

    private final DelayScan scan;
    private final DynamoDelayStore delays;
    private final Clock clock;
    private final JsonLog log;
    /** Builds the backfill when an invocation asks for one; null: not available here. */
    private final java.util.function.Supplier<dev.promptly.app.shopify.Backfill> backfill;

    public DelayScanHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public DelayScanHandler(Deployment d) {
        this(d, d.log("delay-scan"));
    }

    private DelayScanHandler(Deployment d, JsonLog log) {
        this(DelayWiring.delayScan(d, log), DelayWiring.delays(d), d.clock(), log, () -> DelayWiring.backfill(d, log));
    }

    public DelayScanHandler(DelayScan scan, DynamoDelayStore delays, Clock clock, JsonLog log) {
        this(scan, delays, clock, log, null);
    }

    public DelayScanHandler(DelayScan scan, DynamoDelayStore delays, Clock clock, JsonLog log,
                            java.util.function.Supplier<dev.promptly.app.shopify.Backfill> backfill) {
        this.scan = scan;
        this.delays = delays;
        this.clock = clock;
        this.log = log;
        this.backfill = backfill;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.invocation(context == null ? null : context.getAwsRequestId());
        JsonNode event = readEvent(input);
        JsonNode release = event.path("release_breaker");
        if (release.isTextual()) {
            ShopDomain shop = new ShopDomain(release.asText().trim());
            delays.releaseBreaker(shop, clock.instant(), clock.instant().plus(Duration.ofDays(1)).getEpochSecond());
            log.info("delay_scan.breaker_released", Map.of("shop", shop));
            JsonTrees.write(output, JsonTrees.object().put("released", shop.value()));
            return;
        }
        BooleanSupplier timeLeft = context == null ? () -> true
                : () -> context.getRemainingTimeInMillis() > SAFETY_MARGIN.toMillis();
        if (event.has("backfill")) {
            JsonTrees.write(output, BackfillRequest.run(event.path("backfill"), backfill, timeLeft));
            return;
        }
        JsonTrees.write(output, report(scan.run(MAX_ORDERS_PER_RUN, timeLeft)));
    }

    /** The report as the local runner and an operator's invocation show it. */
    public static ObjectNode report(DelayScanReport r) {
        ObjectNode report = JsonTrees.object().put("due", r.due()).put("notices", r.notices()).put("notes", r.notes())
                .put("held_for_send_window", r.heldForWindow()).put("held_by_circuit_breaker", r.heldByBreaker())
                .put("unreachable", r.unreachable()).put("already_decided", r.alreadyDecided())
                .put("order_changed", r.orderChanged()).put("failed", r.failed()).put("complete", r.complete());
        report.set("goodwill", goodwill(r.goodwill()));
        return report;
    }

    /** The run's goodwill codes and, per scanned shop with codes, the month's budget used: {@code "budgets": [{shop, month, ...}]}. */
    static ObjectNode goodwill(DelayScanReport.Goodwill g) {
        ObjectNode node = JsonTrees.object().put("codes", g.codes()).put("without_code", g.withoutCode())
                .put("over_budget", g.overBudget()).put("waiting", g.waiting());
        var budgets = node.putArray("budgets");
        g.budgets().forEach(b -> budgets.add(budget(b)));
        return node;
    }

    /** One shop's month: {@code used_codes} of {@code max_codes}, {@code used_value} of {@code max_value} (shop currency, plain decimals). */
    public static ObjectNode budget(dev.promptly.app.delay.GoodwillBudget b) {
        return JsonTrees.object().put("shop", b.shop().value()).put("month", b.month()).put("used_codes", b.usedCodes())
                .put("max_codes", b.maxCodes()).put("used_value", b.usedValue().stripTrailingZeros().setScale(2, java.math.RoundingMode.HALF_UP)
                        .toPlainString()).put("max_value", b.maxValue().toPlainString());
    }

    private static JsonNode readEvent(InputStream input) throws IOException {
        byte[] raw = input.readAllBytes();
        if (raw.length == 0) {
            return JsonTrees.object();
        }
        try {
            return JsonTrees.read(raw);
        } catch (IOException e) {
            throw new IllegalArgumentException("the invocation input is not JSON", e);
        }
    }

    /** SnapStart: one run with no time left reads the due index once and decides nothing. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        scan.run(1, () -> false);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
