package dev.promptly.core.reply;

import dev.promptly.core.message.Channel;
import dev.promptly.core.message.LoopReason;
import dev.promptly.core.outbox.OutboxKind;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether and how an inbound message is acknowledged: one automatic reply per conversation, never to spam
 * or automatic mail, order details only to a contact that may see them, within the reply budgets. Facts in,
 * decision out: the caller reads the stores and the clock, this class only decides. Its reasons are the
 * stable strings stored with the message and logged ({@code spam}, a {@link LoopReason#code()},
 * {@code follow_up}, {@code <scope>_budget_exhausted}, {@code missing_template_value:<variable>}).
 * Stateless and thread-safe.
 */
public final class AcknowledgementPolicy {
    private AcknowledgementPolicy() {
    }

    /** How a reply travels: mailed through the outbox, or returned to the client in the HTTP answer. */
    /** {@code WHATSAPP}: through the WhatsApp Cloud API to the number WhatsApp delivered the message from. */
    public enum Delivery { EMAIL, HTTP_ANSWER, WHATSAPP }

    /** Which contact a reply with order details would reach, and so whose orders it may show. */
    public enum OrderContact {
        /** The address the reply is mailed to. */
        MAILED_ADDRESS,
        /** A phone number the channel verified and the reply goes back to. */
        VERIFIED_PHONE,
        /** None: the reply may show no order. */
        NONE
    }

    /** The reply budget that was spent; {@link #wire()} names it in reasons, alert keys and logs. */
    public enum BudgetScope {
        SENDER("sender"), SHOP("shop"), NEW_SENDERS("new_senders");

        private final String wire;

        BudgetScope(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The reason stored and logged for a message this budget left unanswered, e.g. {@code sender_budget_exhausted}. */
        public String reason() {
            return wire + "_budget_exhausted";
        }
    }

    /** What screening found: spam (the mail provider's verdict), automatic mail (the loop guard's), or neither. */
    public record Screening(boolean spam, Optional<LoopReason> loop) {
        public Screening {
            Objects.requireNonNull(loop, "loop");
        }

        /** Whether a person wrote it: only such messages get a reply and start SLA clocks. */
        public boolean answerable() {
            return !spam && loop.isEmpty();
        }

        /** Why the message gets no reply: {@code spam} before the loop guard's code; empty when answerable. */
        public Optional<String> reason() {
            return spam ? Optional.of("spam") : loop.map(LoopReason::code);
        }
    }

    /**
     * The first facts of a new conversation, known before any read: its channel, the sender's contacts and
     * what the message asks. {@code asksAboutOrder} is the "where is my order?" verdict, {@code namesOrder}
     * whether it names an order number.
     */
    public record RouteFacts(Channel channel, boolean senderHasEmail, boolean senderHasVerifiedPhone, boolean asksAboutOrder,
                             boolean namesOrder) {
        public RouteFacts {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * How a new conversation's reply would travel and what it may look up: the orders of {@link #orderContact()},
     * and a "where is my order?" answer when {@link #answersOrderQuestion()}.
     */
    public record Route(Delivery delivery, OrderContact orderContact, boolean answersOrderQuestion) {
        public Route {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(orderContact, "orderContact");
        }

        public boolean byEmail() {
            return delivery == Delivery.EMAIL;
        }

        public boolean mayShowOrders() {
            return orderContact != OrderContact.NONE;
        }
    }

    /**
     * The reply budgets of a shop (counts per sender and day, per shop and hour) and, when set, the part of
     * the shop's hour that replies to new addresses may use. The counts themselves live in the store, which
     * enforces them in the message's transaction and reports the scope it found spent.
     */
    public record ReplyLimits(int perSenderPerDay, int perShopPerHour, OptionalInt newSendersPerHour) {
        public ReplyLimits {
            Objects.requireNonNull(newSendersPerHour, "newSendersPerHour");
        }
    }

    /**
     * Everything the decision on a new conversation's first message rests on. {@code route}: as
     * {@link #route(RouteFacts)} gave it. {@code knownSender}: the reply address has an order or an earlier
     * vouched-for message (false when not looked up because the message is unanswerable).
     * {@code answerNeedsPerson}: the order answer reports something a person must handle.
     * {@code keepOpenAfterAnswer}: the shop's setting. {@code limits}: the shop's reply budgets.
     */
    public record Facts(Screening screening, Route route, boolean knownSender, boolean answerNeedsPerson, boolean keepOpenAfterAnswer,
                        ReplyLimits limits) {
        public Facts {
            Objects.requireNonNull(screening, "screening");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(limits, "limits");
        }
    }

    /**
     * An acknowledgement to send: its outbox kind and way, whether it may repeat the sender's name, the
     * budgets it spends, and whether it leaves the conversation waiting on the customer.
     */
    public record Reply(OutboxKind kind, Delivery delivery, boolean greetByName, ReplyLimits budget, boolean waitsOnCustomer) {
        public Reply {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(budget, "budget");
        }
    }

    /**
     * The decision: a reply, or the reason there is none (exactly one of the two). {@code startsClocks}:
     * whether the message starts or resumes SLA clocks. {@code tellTeam}: the spent budget the team is told about.
     */
    public record Decision(Optional<Reply> reply, String reason, boolean startsClocks, Optional<BudgetScope> tellTeam) {
        public Decision {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(tellTeam, "tellTeam");
            if (reply.isPresent() == (reason != null)) {
                throw new IllegalArgumentException("a decision is a reply or a reason, not both nor neither");
            }
        }

        private static Decision skip(String reason, boolean startsClocks) {
            return new Decision(Optional.empty(), reason, startsClocks, Optional.empty());
        }

        /** The same message after the store found {@code scope} spent: no reply, and the team is told. */
        public Decision budgetExhausted(BudgetScope scope) {
            return new Decision(Optional.empty(), scope.reason(), startsClocks, Optional.of(scope));
        }

        /** The same message when its reply could not be rendered for want of {@code variable}: no reply. */
        public Decision templateMissing(String variable) {
            return skip("missing_template_value:" + variable, startsClocks);
        }
    }

    /**
     * Mail and contact forms are answered by e-mail; a chat message too when it asks about an order (its
     * details must reach the order's address, not whoever typed it); other chat and WhatsApp acknowledgements
     * go back to the client in the HTTP answer, except that a message WhatsApp delivered through its signed
     * webhook (its number verified) is answered over WhatsApp. Order details go only to a contact stored on the order, over
     * the way the reply travels: the address it is mailed to, or a phone number the channel verified. A typed
     * phone number, or an address claimed in a message answered over HTTP, unlocks nothing.
     */
    public static Route route(RouteFacts facts) {
        boolean byEmail = facts.senderHasEmail() && switch (facts.channel()) {
            case EMAIL, FORM -> true;
            case CHAT -> facts.asksAboutOrder() || facts.namesOrder();
            case WHATSAPP -> false;
        };
        OrderContact contact = byEmail ? OrderContact.MAILED_ADDRESS
                : facts.senderHasVerifiedPhone() ? OrderContact.VERIFIED_PHONE : OrderContact.NONE;
        boolean byWhatsApp = !byEmail && facts.channel() == Channel.WHATSAPP && facts.senderHasVerifiedPhone();
        return new Route(byEmail ? Delivery.EMAIL : byWhatsApp ? Delivery.WHATSAPP : Delivery.HTTP_ANSWER, contact,
                facts.asksAboutOrder() && contact != OrderContact.NONE);
    }

    /**
     * Decides a new conversation's acknowledgement: none for spam or automatic mail; else a reply of the
     * route's kind. A mailed reply to an unknown address repeats none of the sender's text (a form relays
     * whatever name is typed) and spends also from the new senders' share of the shop's hour. An order
     * answer leaves the conversation waiting on the customer unless a person must act or the shop keeps
     * answered conversations open.
     */
    public static Decision decide(Facts facts) {
        Screening screening = facts.screening();
        if (!screening.answerable()) {
            return Decision.skip(screening.reason().orElseThrow(), false);
        }
        Route route = facts.route();
        OutboxKind kind = route.answersOrderQuestion() ? OutboxKind.WISMO : OutboxKind.ACK;
        ReplyLimits limits = facts.limits();
        ReplyLimits spends = facts.knownSender()
                ? new ReplyLimits(limits.perSenderPerDay(), limits.perShopPerHour(), OptionalInt.empty()) : limits;
        boolean waitsOnCustomer = kind == OutboxKind.WISMO && !facts.answerNeedsPerson() && !facts.keepOpenAfterAnswer();
        var reply = new Reply(kind, route.delivery(), !route.byEmail() || facts.knownSender(), spends, waitsOnCustomer);
        return new Decision(Optional.of(reply), null, true, Optional.empty());
    }

    /**
     * A message continuing a stored conversation, which had its one acknowledgement when it opened: no reply
     * ({@code follow_up}); it resumes the clocks unless it is spam or automatic mail.
     */
    public static Decision followUp(Screening screening) {
        return Decision.skip("follow_up", screening.answerable());
    }
}
