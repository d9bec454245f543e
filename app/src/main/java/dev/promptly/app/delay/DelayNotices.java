package dev.promptly.app.delay;

import dev.promptly.app.helpdesk.HelpdeskNotes;
import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.app.port.HelpdeskLinks.Link;
import dev.promptly.app.whatsapp.WhatsAppMessages;
import dev.promptly.config.ShopConfig;
import dev.promptly.config.WhatsAppSettings;
import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.delay.Delay;
import dev.promptly.core.delay.DelayStage;
import dev.promptly.core.delay.NoticePlan;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.DelayNoticeComposer;
import dev.promptly.core.reply.DelayNoticeFacts;
import dev.promptly.core.reply.RenderedMessage;
import dev.promptly.core.reply.ReplyLanguage;
import dev.promptly.core.delay.DelayRules;
import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.Order;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The messages the delay scan writes: the customer's notice, the team's internal note when a
 * conversation about the order is open (and the same as a note on its helpdesk ticket when it is linked to
 * one), and the circuit breaker's alert.
 */
final class DelayNotices {
    /** The languages Promptly ships delay notice templates for. */
    static final List<String> SHIPPED_LANGUAGES = List.of("de", "en");
    /** The delay keys a notice tells of, so the sender can withdraw it if they are no longer current. */
    static final String DELAY_KEYS_HEADER = "X-Promptly-Delay-Keys";

    private final DelayNoticeComposer composer;
    private final DelayRules rules = new DelayRules();

    DelayNotices(DelayNoticeComposer composer) {
        this.composer = composer;
    }

    /** The customer's notice, in the order's language, {@code Auto-Submitted: auto-generated}. */
    OutboxMessage notice(ShopConfig shop, BusinessCalendar calendar, Order order, NoticePlan plan, String id, Instant now) {
        return notice(shop, calendar, order, plan, Optional.empty(), id, now);
    }

    /** As above, naming the goodwill code {@code goodwill} when there is one. */
    OutboxMessage notice(ShopConfig shop, BusinessCalendar calendar, Order order, NoticePlan plan, Optional<DelayNoticeFacts.Goodwill> goodwill,
                         String id, Instant now) {
        RenderedMessage rendered = composer.compose(facts(shop, calendar, order, plan, goodwill.orElse(null)), shop.templates());
        String outboxId = id + "-" + OutboxKind.DELAY_NOTICE.wire();
        Map<String, String> headers = AutomaticMail.headers(shop, outboxId, AutomaticMail.AUTO_GENERATED);
        headers.put(DELAY_KEYS_HEADER, plan.notices().stream().map(NoticePlan.PlannedNotice::key).collect(Collectors.joining(" ")));
        return new OutboxMessage(shop.domain(), outboxId, OutboxKind.DELAY_NOTICE, "email", order.customer().email(),
                shop.name() + " <" + shop.supportEmail() + ">", shop.autoReply().replyTo(), rendered.subject(), rendered.text(),
                rendered.html(), headers, null, order.orderId(), now, OutboxStatus.PENDING, now, 0, null, null, null);
    }

    /**
     * The customer's notice over WhatsApp, to {@code number} (E.164): a delay notice is not an answer, so it
     * goes outside any customer service window and must be the shop's approved template
     * (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates) in the
     * order's language, with the body parameters {{1}} the order's name and {{2}} the shop's name. The
     * rendered notice is kept as the record's text, for the team's view of what the customer was told.
     */
    OutboxMessage whatsAppNotice(ShopConfig shop, BusinessCalendar calendar, Order order, NoticePlan plan, WhatsAppSettings.MessageTemplate template,
                                 String number, String id, Instant now) {
        DelayNoticeFacts facts = facts(shop, calendar, order, plan, null);
        RenderedMessage rendered = composer.compose(facts);
        String outboxId = id + "-" + OutboxKind.DELAY_NOTICE.wire();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(DELAY_KEYS_HEADER, plan.notices().stream().map(NoticePlan.PlannedNotice::key).collect(Collectors.joining(" ")));
        headers.put(WhatsAppMessages.TEMPLATE, template.name());
        headers.put(WhatsAppMessages.LANGUAGE, template.languageFor(facts.language(), shop.defaultLanguage())
                .orElse(template.languages().values().iterator().next()));
        headers.put(WhatsAppMessages.PARAMETER + 1, WhatsAppMessages.parameter(order.name()));
        headers.put(WhatsAppMessages.PARAMETER + 2, WhatsAppMessages.parameter(shop.name()));
        return new OutboxMessage(shop.domain(), outboxId, OutboxKind.DELAY_NOTICE, WhatsAppMessages.CHANNEL, number, shop.name(), null,
                rendered.subject(), WhatsAppMessages.text(rendered.text()), null, headers, null, order.orderId(), now, OutboxStatus.PENDING,
                now, 0, null, null, null);
    }

    /** The team's note on the open conversation: what is late and that the customer was not told automatically. */
    OutboxMessage note(ShopConfig shop, Order order, NoticePlan plan, Conversation conversation, String id, Instant now) {
        String outboxId = id + "-" + OutboxKind.NOTE.wire();
        String stages = plan.notices().stream().map(n -> describe(n.delay()) + (n.repeat() ? " (still, after an earlier notice)" : ""))
                .collect(Collectors.joining("; "));
        String name = order.name() != null ? order.name() : order.orderId();
        String subject = "[" + conversation.ticket() + "] Internal note: order " + name + " is late";
        String text = "Order " + name + " is late: " + stages + ".\n\n"
                + "The customer has an open conversation about this order (ticket " + conversation.ticket() + "), so Promptly "
                + "sent no automatic delay notice. Please mention the delay in your reply.\n";
        return new OutboxMessage(shop.domain(), outboxId, OutboxKind.NOTE, "email", shop.supportEmail(),
                "Promptly <" + shop.supportEmail() + ">", null, subject, text, null, AutomaticMail.headers(shop, outboxId, AutomaticMail.AUTO_GENERATED),
                conversation.id().value(), order.orderId(), now, OutboxStatus.PENDING, now, 0, null, null, null);
    }

    /**
     * The internal note on the helpdesk ticket {@code link} of the open conversation about a late order:
     * the order, its delay stages and that no automatic notice went to the customer, tagged
     * {@code promptly-delay}. Its id is the order's delay keys, so the same delays are noted once.
     */
    OutboxMessage ticketNote(Link link, Order order, NoticePlan plan, Instant now) {
        String keys = plan.notices().stream().map(n -> n.repeat() ? n.delay().repeatKey() : n.delay().key()).sorted()
                .collect(Collectors.joining(" "));
        String what = "delay-" + UUID.nameUUIDFromBytes(keys.getBytes(StandardCharsets.UTF_8));
        String name = order.name() != null ? order.name() : order.orderId();
        String stages = plan.notices().stream().map(n -> n.delay().stage().wire() + ": " + describe(n.delay())
                + (n.repeat() ? " (still, after an earlier notice)" : "")).collect(Collectors.joining("; "));
        String text = "Promptly " + link.conversation().ticket() + ": order " + name + " (" + order.orderId() + ") is late: " + stages
                + ".\n\nThe customer has this open ticket about the order, so Promptly sent no automatic delay notice. "
                + "Please mention the delay in your reply.";
        return HelpdeskNotes.note(link, what, "Promptly: order " + name + " is late", text, Set.of("promptly-delay"), Optional.empty(),
                order.orderId(), now);
    }

    /** Tells the team that this run's notices were held. */
    OutboxMessage breakerAlert(ShopConfig shop, int notices, int due, String id, Instant now) {
        String outboxId = id + "-" + OutboxKind.NOTE.wire();
        String subject = "[Promptly] Delay notices held: " + notices + " would have gone out at once";
        String text = "Promptly's delay scan found " + notices + " late orders among " + due + " due for a check, more than your "
                + "circuit breaker allows (delay_notices.circuit_breaker: at most " + shop.delayPolicy().maxNoticesPerRun()
                + " notices per run" + (shop.delayPolicy().maxShareOfDue() < 1 ? " or " + Math.round(shop.delayPolicy().maxShareOfDue() * 100)
                + "% of the due orders" : "") + ").\n\n"
                + "No notice was sent. This usually means a carrier or data outage, or a wrong setting (handling time, transit days). "
                + "The orders are checked again every scan; notices go out by themselves once the numbers are normal again.\n\n"
                + "If the delays are real and the customers should be told, release the held notices once (see docs/operations.md, "
                + "\"Delay notices held by the circuit breaker\").\n";
        return new OutboxMessage(shop.domain(), outboxId, OutboxKind.NOTE, "email", shop.supportEmail(),
                "Promptly <" + shop.supportEmail() + ">", null, subject, text, null, AutomaticMail.headers(shop, outboxId, AutomaticMail.AUTO_GENERATED),
                null, null, now, OutboxStatus.PENDING, now, 0, null, null, null);
    }

    private DelayNoticeFacts facts(ShopConfig shop, BusinessCalendar calendar, Order order, NoticePlan plan, DelayNoticeFacts.Goodwill goodwill) {
        String language = ReplyLanguage.choose(order.customer().locale(), Optional.empty(), shop.languages(), composer.templates().languages());
        List<DelayNoticeFacts.Line> lines = new ArrayList<>();
        boolean repeat = false;
        for (NoticePlan.PlannedNotice planned : plan.notices()) {
            Delay delay = planned.delay();
            repeat |= planned.repeat();
            Optional<Fulfillment> parcel = order.fulfillments().stream()
                    .filter(f -> f.fulfillmentId().equals(delay.fulfillmentId())).findFirst();
            lines.add(new DelayNoticeFacts.Line(delay.stage(),
                    delay.stage() == DelayStage.NOT_SHIPPED ? rules.shipDeadline(order, shop.delayPolicy(), calendar) : null,
                    delay.newExpectation(),
                    parcel.map(Fulfillment::trackingCompany).orElse(null),
                    parcel.flatMap(f -> f.trackingNumbers().stream().findFirst()).orElse(null),
                    parcel.flatMap(f -> f.trackingUrls().stream().findFirst()).orElse(null)));
        }
        String firstName = order.customer().firstName();
        ZoneId zone = shop.delayNotices().recipientZone(order.shippingCountry(), shop.timeZone());
        return new DelayNoticeFacts(language, shop.name(), order.name(), firstName, zone, lines,
                repeat && plan.notices().stream().allMatch(NoticePlan.PlannedNotice::repeat), shop.autoReply().replyTo(),
                shop.autoReply().helpLink("shipping", language).orElse(null), goodwill);
    }

    private static String describe(Delay delay) {
        return switch (delay.stage()) {
            case NOT_SHIPPED -> "not shipped by the promised date";
            case NO_CARRIER_SCAN -> "parcel " + delay.fulfillmentId() + " labelled but not scanned by the carrier";
            case TRACKING_STALLED -> "parcel " + delay.fulfillmentId() + " without a new tracking event";
            case PAST_EXPECTED_DELIVERY -> "parcel " + delay.fulfillmentId() + " past its expected delivery day";
            case CARRIER_EXCEPTION -> "parcel " + delay.fulfillmentId() + " has a carrier exception";
        };
    }
}
