package dev.promptly.app.inbound;

import dev.promptly.app.helpdesk.HelpdeskWebhooks;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.app.sla.AgentActivity.ReplyOutcome;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.LoopGuard;
import dev.promptly.log.JsonLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies of the team's own mail (a BCC or journaling rule to one of the shop's inbound addresses, or a
 * relay posting to {@code /messages} with {@code to}): mail from one of the shop's team addresses is the
 * team's, never a customer's, so it is never acknowledged. When it goes to a customer and answers a known
 * conversation (by {@code In-Reply-To}/{@code References}, or the ticket in its subject) it records
 * {@code agent_replied} there, once per reply; otherwise it is ignored and counted. Mail received by SES
 * is the team's only when SES authenticated its sender ({@link SesNotification#senderAuthenticated()}): a
 * mail that merely claims a team address in {@code From} is dropped as neither the team's nor a customer's,
 * and counted. For a shop on a helpdesk, a reply also claims its {@link HelpdeskWebhooks#replyKey} — the
 * conversation and the reply's new text, as the helpdesk's webhook for the same reply claims it — so the
 * reply counts once whichever of the two arrives first. Thread-safe.
 */
public final class TeamReplies {
    /** In-Reply-To and the newest References entries: enough for every real thread. */
    private static final int MAX_THREAD_LOOKUPS = 10;

    private final PromptlyConfig config;
    private final ConversationStore conversations;
    private final AgentActivity agents;
    private final JsonLog log;
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong unauthenticated = new AtomicLong();

    public TeamReplies(PromptlyConfig config, ConversationStore conversations, AgentActivity agents, JsonLog log) {
        this.config = Objects.requireNonNull(config, "config");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * What became of {@code message} if it is the team's mail; empty when it is not (a customer's, for the intake).
     * The result has no conversation when the mail was ignored (not to a customer, or no known conversation).
     *
     * @param to the mail's recipients ({@code To}, {@code Cc} and a kept {@code Bcc}, or the JSON {@code to},
     *           {@code cc} and {@code bcc}): the customer may be in any of them
     * @param hasMessageId false for a relayed copy without {@code message_id}: the reply is then known by
     *                     its conversation and normalised text
     */
    public Optional<IntakeResult> recognise(InboundMessage message, List<String> to, boolean hasMessageId) {
        return recognise(message, to, hasMessageId, true);
    }

    /**
     * As {@link #recognise(InboundMessage, List, boolean)}, for mail whose sender may not be authentic.
     *
     * @param senderAuthenticated false when the receiving server could not confirm that the mail comes from
     *                            its {@code From} domain (SES's SPF, DKIM and DMARC verdicts): a mail from a
     *                            team address is then ignored, never recorded as the team's reply nor taken
     *                            as a customer's message (it would be a spoof of the shop's own address)
     */
    public Optional<IntakeResult> recognise(InboundMessage message, List<String> to, boolean hasMessageId, boolean senderAuthenticated) {
        Optional<ShopConfig> shop = config.shop(message.shop());
        if (shop.isEmpty() || !shop.get().team().isTeamAddress(message.sender().email())
                // Our own mail coming back (a copy the team mailbox forwards on) is a loop, not a reply: the loop guard's.
                || message.headers().containsKey(LoopGuard.LOOP_MARKER_HEADER.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (!senderAuthenticated) {
            return Optional.of(ignored(message, "unauthenticated_sender", "unauthenticatedTotal", unauthenticated.incrementAndGet()));
        }
        if (to.stream().noneMatch(address -> isCustomer(shop.get(), address))) {
            return Optional.of(ignored(message, "not_to_customer", null, null));
        }
        Optional<ConversationId> conversation = conversationOf(message);
        if (conversation.isEmpty()) {
            return Optional.of(ignored(message, "unknown_conversation", "unknownConversationsTotal", unknown.incrementAndGet()));
        }
        String key = hasMessageId ? "mid:" + message.messageId()
                : "text:" + conversation.get().value() + ":" + message.text().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        Optional<String> claim = shop.get().helpdeskSettings().map(helpdesk -> HelpdeskWebhooks.replyKey(conversation.get(), message.text()));
        ReplyOutcome outcome = agents.recordAgentReply(message.shop(), conversation.get(), message.receivedAt(), key, claim);
        if (outcome == ReplyOutcome.UNKNOWN_CONVERSATION) {
            return Optional.of(ignored(message, "unknown_conversation", "unknownConversationsTotal", unknown.incrementAndGet()));
        }
        log.info("team_reply." + outcome.name().toLowerCase(Locale.ROOT), Map.of("shop", message.shop(), "conversationId", conversation.get(),
                "channel", message.channel().wire()));
        return Optional.of(new IntakeResult(conversation.get(), outcome == ReplyOutcome.DUPLICATE, false, Optional.empty(), "team_reply"));
    }

    private Optional<ConversationId> conversationOf(InboundMessage message) {
        List<String> answered = new ArrayList<>(message.references());
        Collections.reverse(answered);
        for (String id : answered.subList(0, Math.min(answered.size(), MAX_THREAD_LOOKUPS))) {
            Optional<ConversationId> found = conversations.conversationOfMessage(message.shop(), id);
            if (found.isPresent()) {
                return found;
            }
        }
        // The team writes from the shop's own addresses: its ticket tag is trusted as the customer's is not.
        return ConversationId.findTicket(message.subject()).filter(id -> conversations.load(message.shop(), id).isPresent());
    }

    /** Whether {@code address} is someone outside the shop: not a team address, nor one Promptly or the shop receives at. */
    private static boolean isCustomer(ShopConfig shop, String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String plain = address.trim().toLowerCase(Locale.ROOT).replaceFirst("\\+[^@]*@", "@");
        return !shop.team().isTeamAddress(plain) && !shop.autoReply().inboundAddresses().contains(plain)
                && !plain.equalsIgnoreCase(shop.supportEmail()) && !plain.equalsIgnoreCase(shop.autoReply().replyTo());
    }

    /** @param counter the name of the count this mail adds to, if any; {@code total} its value now */
    private IntakeResult ignored(InboundMessage message, String reason, String counter, Long total) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", message.shop());
        fields.put("channel", message.channel().wire());
        fields.put("reason", reason);
        if (counter != null) {
            fields.put(counter, total);
        }
        log.info("team_reply.ignored", fields);
        return new IntakeResult(null, false, false, Optional.empty(), reason);
    }
}
