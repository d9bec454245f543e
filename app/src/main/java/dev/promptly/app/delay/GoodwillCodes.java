package dev.promptly.app.delay;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.app.port.GoodwillStore;
import dev.promptly.app.port.GoodwillStore.GoodwillCode;
import dev.promptly.app.port.GoodwillStore.State;
import dev.promptly.app.port.ShopifyAdmin;
import dev.promptly.app.port.ShopifyAdmin.AdminApiUnavailableException;
import dev.promptly.app.port.ShopifyAdmin.DiscountCodeRequest;
import dev.promptly.app.port.ShopifyAdmin.DiscountCodeTakenException;
import dev.promptly.config.GoodwillSettings;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.delay.DelayStage;
import dev.promptly.core.delay.NoticePlan;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.DelayNoticeFacts;
import dev.promptly.core.shopify.Order;
import dev.promptly.log.JsonLog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The goodwill code a delay notice carries (issue 17), created through the shop's Admin API.
 *
 * <p>Per order and delay stage at most one code ever exists: the code is recorded, with the budget it
 * uses, before Shopify is asked and before any notice names it ({@link GoodwillStore#reserve}). A scan that
 * finds the record reuses it: a created code goes into the notice again, a reservation still leased by
 * another scan makes this scan leave the order for the next run, and a reservation whose lease ran out (its
 * scan crashed, or waited on a failure) is asked for again with the same code — Shopify keeps codes unique
 * per shop, so its {@code TAKEN} answer means the earlier, unanswered call created it.
 *
 * <p>When Shopify fails (HTTP 5xx, timeout, throttling past the budget, user errors) the team gets one note
 * per order and stage, and the notice goes without a code, its budget given back; with
 * {@code on_api_failure: wait} the notice waits for the next scans instead, at most {@link #MAX_WAIT}.
 * Thread-safe.
 */
public final class GoodwillCodes {
    /** How long a scan has to ask Shopify before another scan may take the reservation over: far less than a scan interval. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** With {@code on_api_failure: wait}, a notice waits at most this long for its code, then goes without. */
    static final Duration MAX_WAIT = Duration.ofHours(24);
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /** What the notice does about its code. */
    public enum Kind {
        /** No code: the shop or stage has none configured, the shop has no Admin API access, or the order no customer. */
        NONE,
        /** The notice names {@link Outcome#code()}. */
        CODE,
        /** Shopify failed: the notice goes without a code (the team was told). */
        WITHOUT_CODE,
        /** The month's budget is used up: the notice goes without a code. */
        OVER_BUDGET,
        /** The notice is not written this run: its code waits for Shopify, or another scan is creating it. */
        WAIT
    }

    /** What {@link #forNotice} decided; {@code code} only with {@link Kind#CODE}. */
    public record Outcome(Kind kind, Optional<DelayNoticeFacts.Goodwill> code) {
        static final Outcome NONE = new Outcome(Kind.NONE, Optional.empty());

        static Outcome of(Kind kind) {
            return new Outcome(kind, Optional.empty());
        }
    }

    private final ShopifyAdmin admin;
    private final GoodwillStore store;
    private final Supplier<String> codes;
    private final JsonLog log;

    /** @param codes new random codes (tests pass predictable ones) */
    public GoodwillCodes(ShopifyAdmin admin, GoodwillStore store, Supplier<String> codes, JsonLog log) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.store = Objects.requireNonNull(store, "store");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Codes such as {@code SORRY-7KQ2M4XD}: 8 random characters of 31 (no 0/O, 1/I/L), about 40 bits, not guessable. */
    public static GoodwillCodes standard(ShopifyAdmin admin, GoodwillStore store, JsonLog log) {
        SecureRandom random = new SecureRandom();
        return new GoodwillCodes(admin, store, () -> {
            StringBuilder code = new StringBuilder("SORRY-");
            for (int i = 0; i < 8; i++) {
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return code.toString();
        }, log);
    }

    /** The code the e-mail notice of {@code plan} for {@code order} carries; see the class comment. */
    public Outcome forNotice(ShopConfig shop, Order order, NoticePlan plan, Instant now) {
        GoodwillSettings settings = shop.goodwill();
        if (!settings.enabled() || !admin.enabledFor(shop.domain())) {
            return Outcome.NONE;
        }
        Optional<DelayStage> stage = plan.notices().stream().map(n -> n.delay().stage()).filter(s -> settings.offerFor(s).isPresent())
                .findFirst();
        String customerId = order.customer() == null ? null : order.customer().customerId();
        if (stage.isEmpty() || customerId == null || customerId.isBlank()) {
            return Outcome.NONE;
        }
        Optional<GoodwillCode> existing = store.find(shop.domain(), order.orderId(), stage.get());
        if (existing.isPresent()) {
            GoodwillCode code = existing.get();
            return switch (code.state()) {
                case CREATED -> offered(code);
                case FAILED -> Outcome.NONE;
                case RESERVED -> store.claim(code, now, now.plus(LEASE)) ? create(shop, order, code, customerId, true, now)
                        : logged(shop, order, stage.get(), Outcome.of(Kind.WAIT), "reserved_by_another_scan");
            };
        }
        GoodwillCode code = newCode(shop, order, stage.get(), settings.offerFor(stage.get()).orElseThrow(), now);
        long expiresAt = now.plus(Duration.ofDays(shop.retention().orderDays())).getEpochSecond();
        return switch (store.reserve(code, new GoodwillStore.Budget(code.month(), settings.maxCodesPerMonth(), settings.maxValuePerMonth()),
                expiresAt)) {
            case RESERVED -> create(shop, order, code, customerId, false, now);
            case OVER_BUDGET -> logged(shop, order, stage.get(), Outcome.of(Kind.OVER_BUDGET), "monthly_budget_used");
            case EXISTS -> logged(shop, order, stage.get(), Outcome.of(Kind.WAIT), "reserved_by_another_scan");
        };
    }

    /** What {@code shop}'s codes used of this month's budget (the month in the shop's zone); empty when it has no codes configured. */
    public Optional<GoodwillBudget> budget(ShopConfig shop, Instant now) {
        return GoodwillBudget.of(shop, store, now);
    }

    private Outcome create(ShopConfig shop, Order order, GoodwillCode code, String customerId, boolean retry, Instant now) {
        BigDecimal percentage = code.percentage() == null ? null : code.percentage().movePointLeft(2);
        String name = order.name() != null ? order.name() : order.orderId();
        var request = new DiscountCodeRequest(code.code(), "Promptly goodwill: order " + name + " (" + code.stage().wire() + ")",
                customerId, percentage, code.amount(), code.minimum(), code.reservedAt(), code.endsAt());
        String reason;
        try {
            var created = admin.createDiscountCode(shop.domain(), request);
            store.created(code, created.discountId(), now);
            return logged(shop, order, code.stage(), offered(code), retry ? "created_on_retry" : "created");
        } catch (DiscountCodeTakenException e) {
            if (retry) {
                // Our random code, asked for before without an answer: that call created it.
                store.created(code, null, now);
                return logged(shop, order, code.stage(), offered(code), "created_by_earlier_call");
            }
            reason = "code_taken";
        } catch (AdminApiUnavailableException e) {
            reason = reasonOf(e);
        }
        // A code taken on the first attempt belongs to another discount: asking again could only hit it again.
        boolean wait = shop.goodwill().waitOnFailure() && now.isBefore(code.reservedAt().plus(MAX_WAIT)) && !reason.equals("code_taken");
        long expiresAt = now.plus(Duration.ofDays(shop.retention().orderDays())).getEpochSecond();
        store.noteFailure(code, reason, teamNote(shop, order, code, reason, wait, now), expiresAt);
        if (wait) {
            return logged(shop, order, code.stage(), Outcome.of(Kind.WAIT), "api_failed:" + reason);
        }
        store.failed(code, now);
        return logged(shop, order, code.stage(), Outcome.of(Kind.WITHOUT_CODE), "api_failed:" + reason);
    }

    private GoodwillCode newCode(ShopConfig shop, Order order, DelayStage stage, GoodwillSettings.Offer offer, Instant now) {
        BigDecimal value = offer.amount() != null ? offer.amount() : share(order.totalPrice(), offer.percentage());
        return new GoodwillCode(shop.domain(), order.orderId(), stage, codes.get(), offer.percentage(), offer.amount(), order.currency(),
                offer.minimumOrderValue(), value, GoodwillBudget.month(shop, now), State.RESERVED, now, now.plus(LEASE),
                now.plus(Duration.ofDays(offer.validDays())), null, false);
    }

    /** A percentage code counts as that share of the late order's total (0 when the total is unknown). */
    static BigDecimal share(String total, BigDecimal percentage) {
        try {
            return total == null ? BigDecimal.ZERO : new BigDecimal(total).multiply(percentage).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static Outcome offered(GoodwillCode code) {
        return new Outcome(Kind.CODE, Optional.of(new DelayNoticeFacts.Goodwill(code.code(), code.percentage(), code.amount(), code.currency(),
                code.minimum(), code.endsAt())));
    }

    /** The failure as a code for logs and the team (never the answer's messages, which may quote input). */
    private static String reasonOf(AdminApiUnavailableException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String reason = message.startsWith("discount_code.create: ") ? message.substring("discount_code.create: ".length()) : message;
        return reason.length() > 200 ? reason.substring(0, 200) : reason;
    }

    private Outcome logged(ShopConfig shop, Order order, DelayStage stage, Outcome outcome, String reason) {
        Map<String, Object> fields = Map.of("shop", shop.domain(), "orderId", order.orderId(), "stage", stage.wire(),
                "outcome", outcome.kind().name().toLowerCase(java.util.Locale.ROOT), "reason", reason);
        if (outcome.kind() == Kind.CODE) {
            log.info("delay_scan.goodwill", fields);
        } else {
            log.warn("delay_scan.goodwill", fields);
        }
        return outcome;
    }

    /** The team's one note that a code could not be created, and what happens to the notice. */
    private static OutboxMessage teamNote(ShopConfig shop, Order order, GoodwillCode code, String reason, boolean wait, Instant now) {
        String outboxId = AutomaticMail.outboxId(now, "goodwill-" + order.orderId() + "-" + code.stage().wire()) + "-" + OutboxKind.NOTE.wire();
        String name = order.name() != null ? order.name() : order.orderId();
        String subject = "[Promptly] Goodwill code not created for order " + name;
        String text = "Promptly could not create the goodwill code for order " + name + " (delay stage " + code.stage().wire()
                + ") through your Shopify Admin API: " + reason + ".\n\n"
                + (wait ? "The delay notice waits for the code and is tried again with every scan; after "
                        + MAX_WAIT.toHours() + " hours it goes out without one.\n\n"
                        : "The delay notice goes out without a code; the code's budget was given back.\n\n")
                + "Please check the app's Admin API access token and its write_discounts scope (see docs/shopify-admin.md). "
                + "You are told once per order and delay stage.\n";
        return new OutboxMessage(shop.domain(), outboxId, OutboxKind.NOTE, "email", shop.supportEmail(), "Promptly <" + shop.supportEmail() + ">",
                null, subject, text, null, AutomaticMail.headers(shop, outboxId, AutomaticMail.AUTO_GENERATED), null, order.orderId(), now,
                OutboxStatus.PENDING, now, 0, null, null, null);
    }
}
