package dev.promptly.wiring;

import dev.promptly.app.port.ShopifyAdmin;
import dev.promptly.app.shopify.AdminOrderWriter;
import dev.promptly.app.shopify.LiveOrderLookup;
import dev.promptly.aws.dynamodb.DynamoAdminLookupCache;
import dev.promptly.shopify.admin.ShopifyAdminClient;
import java.net.URI;
import java.time.Duration;

/**
 * The Admin API clients of a {@link Deployment}, built on first use (issue 17). Live lookups run while a
 * message waits for its acknowledgement, so their client gets 1.5 s per call and no back-off; jobs such
 * as the backfill may wait for Shopify's bucket to refill. {@code origin} null: each shop's own
 * {@code https://<shop>.myshopify.com}; locally the stand-in the runner was given. Thread-safe.
 */
final class ShopifyAdminParts {
    static final Duration LIVE_CALL_TIMEOUT = Duration.ofMillis(1500);
    static final Duration JOB_CALL_TIMEOUT = Duration.ofSeconds(2);
    static final Duration JOB_RETRY_BUDGET = Duration.ofSeconds(30);

    private final Deployment deployment;
    private final URI origin;
    private ShopifyAdmin live;
    private ShopifyAdmin jobs;
    private DynamoAdminLookupCache cache;

    private ShopifyAdminParts(Deployment deployment, URI origin) {
        this.deployment = deployment;
        this.origin = origin;
    }

    /** The Admin API parts of {@code deployment}, built once; null when it makes no Admin API calls. */
    static ShopifyAdminParts of(Deployment deployment) {
        if (!deployment.shopifyAdminEnabled()) {
            return null;
        }
        ShopifyAdminParts parts = deployment.kept(ShopifyAdminParts.class);
        return parts != null ? parts : deployment.keep(ShopifyAdminParts.class, new ShopifyAdminParts(deployment, deployment.shopifyAdminOrigin()));
    }

    URI origin() {
        return origin;
    }

    synchronized ShopifyAdmin forLookups() {
        if (live == null) {
            live = ShopifyAdminClient.create(deployment.config(), deployment.secrets(), origin, LIVE_CALL_TIMEOUT, Duration.ZERO,
                    deployment.clock(), DeferredHttpClient::of);
        }
        return live;
    }

    synchronized ShopifyAdmin forJobs() {
        if (jobs == null) {
            jobs = ShopifyAdminClient.create(deployment.config(), deployment.secrets(), origin, JOB_CALL_TIMEOUT, JOB_RETRY_BUDGET,
                    deployment.clock(), DeferredHttpClient::of);
        }
        return jobs;
    }

    synchronized LiveOrderLookup lookup(dev.promptly.log.JsonLog log) {
        if (cache == null) {
            cache = new DynamoAdminLookupCache(deployment.dynamoDb(), deployment.tableName());
        }
        return new LiveOrderLookup(deployment.config(), forLookups(), cache, new AdminOrderWriter(Stores.of(deployment).orders(), deployment.clock()),
                deployment.clock(), log);
    }
}
