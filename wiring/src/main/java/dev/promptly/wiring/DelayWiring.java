package dev.promptly.wiring;

import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.delay.GoodwillCodes;
import dev.promptly.app.shopify.AdminOrderWriter;
import dev.promptly.app.shopify.Backfill;
import dev.promptly.aws.dynamodb.DynamoBackfillStore;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.aws.dynamodb.DynamoGoodwillStore;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.log.JsonLog;
import java.util.Optional;

/** The scheduled delay scan, its goodwill codes and the Admin API backfill the delay-scan function runs. */
public final class DelayWiring {
    private DelayWiring() {
    }

    /** The scheduled delay scan with the shipped templates. */
    public static DelayScan delayScan(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        DelayScan scan = DelayScan.standard(d.config(), stores.orders(), stores.conversations(), delays(d), d.clock(), log,
                stores.helpdeskLinks());
        // Goodwill codes need the shops' Admin API; without it (locally without --shopify-admin-url) notices carry none.
        Optional<GoodwillCodes> goodwill = goodwill(d, log);
        return goodwill.isPresent() ? scan.withGoodwill(goodwill.get()) : scan;
    }

    /** The goodwill codes of delay notices (issue 17), created through the Admin API client for jobs; empty without Admin API calls. */
    public static Optional<GoodwillCodes> goodwill(Deployment d, JsonLog log) {
        ShopifyAdminParts admin = ShopifyAdminParts.of(d);
        return admin == null ? Optional.empty()
                : Optional.of(GoodwillCodes.standard(admin.forJobs(), new DynamoGoodwillStore(d.dynamoDb(), d.tableName()), log));
    }

    /**
     * The backfill of a shop's recent orders from its Admin API (issue 17).
     *
     * @throws InvalidInputException this deployment makes no Admin API calls
     */
    public static Backfill backfill(Deployment d, JsonLog log) {
        ShopifyAdminParts admin = ShopifyAdminParts.of(d);
        if (admin == null) {
            throw new InvalidInputException("backfill",
                    "Admin API calls are off here (the local runner: start it with --shopify-admin-url URL)");
        }
        return new Backfill(d.config(), admin.forJobs(), new DynamoBackfillStore(d.dynamoDb(), d.tableName()),
                new AdminOrderWriter(Stores.of(d).orders(), d.clock()), d.clock(), log);
    }

    /** The delay notices and their due checks (built once per deployment). */
    public static DynamoDelayStore delays(Deployment d) {
        DynamoDelayStore delays = d.kept(DynamoDelayStore.class);
        return delays != null ? delays : d.keep(DynamoDelayStore.class, new DynamoDelayStore(d.dynamoDb(), d.tableName()));
    }
}
