package dev.promptly.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.wiring.KpiWiring;
import dev.promptly.wiring.Stores;
import dev.promptly.app.helpdesk.HelpdeskNotes;
import dev.promptly.app.port.HelpdeskLinks;
import dev.promptly.app.whatsapp.WhatsAppMessages;
import dev.promptly.config.HelpdeskSettings;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.sla.SlaEventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The state and events of the cold-start cases of the helpdesk webhook, the WhatsApp webhook and the KPI rollup,
 * each dated by the bench's clock (so a case holds on any day, {@code ColdStartSeedsTest}), and the checks of
 * what each invocation stored. None of these functions calls out but to AWS: a helpdesk note and a WhatsApp
 * answer are outbox records, which the outbox sender delivers.
 */
final class ColdStartSeeds {
    static final ShopDomain SHOP = new ShopDomain(BenchEvents.SHOP);
    static final String TICKET = "4711";
    static final String WHATSAPP_MESSAGE_ID = "wamid.HBgLNDkzMDEyMzQ1NjcVAgASGBQzRUI0QkVOQ0gwMDAx";
    /** The KPI case's conversations, received this long before the bench's clock: all within the 9 days a run recomputes. */
    static final List<Duration> KPI_CONVERSATION_AGES = List.of(Duration.ofMinutes(1), Duration.ofDays(2), Duration.ofDays(5));
    private static final String CUSTOMER_QUESTION = "Hallo, ich habe vor einer Woche bestellt (Bestellung #1001) und noch nichts bekommen."
            + " Wann kommt das Paket?";

    private ColdStartSeeds() {
    }

    // --- helpdesk-events ---

    /** The sample order, and Zendesk's webhook of a new ticket in which its customer asks where it is, signed now. */
    static void customerTicket(ColdStartBench.Seeding s, Path file) {
        ColdStartBench.sampleOrder(s);
        write(file, s.events().zendeskEvent("customer_message", TICKET, "new", CUSTOMER_QUESTION, s.clock().instant()));
    }

    /** A new ticket's conversation was opened, linked and answered, and its note queued for the ticket. */
    static boolean ticketLinkedAndNoted(ColdStartBench.Seeding s) {
        Optional<ConversationId> conversation = ticketConversation(s);
        return conversation.isPresent() && Stores.of(s.system().deployment).outbox().list(SHOP).stream()
                .anyMatch(m -> m.kind() == OutboxKind.HELPDESK_NOTE && HelpdeskNotes.CHANNEL.equals(m.channel())
                        && conversation.get().value().equals(m.conversationId()))
                && Stores.of(s.system().deployment).outbox().list(SHOP).stream()
                .anyMatch(m -> m.kind() == OutboxKind.WISMO && conversation.get().value().equals(m.conversationId()));
    }

    /**
     * The customer's ticket of {@link #customerTicket}, received through the in-process handler two minutes before
     * the clock, and the webhook of an agent's public reply on it now.
     */
    static void agentReplyOnTicket(ColdStartBench.Seeding s, Path file) {
        ColdStartBench.sampleOrder(s);
        Instant opened = s.clock().instant().minus(Duration.ofMinutes(2));
        var answer = BenchSystem.stream(s.system().helpdeskEvents,
                s.events().zendeskEvent("customer_message", TICKET, "new", CUSTOMER_QUESTION, opened).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!RuntimeClient.readable("http", answer).startsWith("status 200") || ticketConversation(s).isEmpty()) {
            throw new IllegalStateException("seed ticket: " + RuntimeClient.readable("http", answer));
        }
        write(file, s.events().zendeskEvent("agent_reply", TICKET, "open", "Hallo Anna, Ihr Paket ist heute losgegangen.",
                s.clock().instant()));
    }

    /** The agent's reply was recorded on the ticket's conversation (the first-response clock stops). */
    static boolean agentReplyRecorded(ColdStartBench.Seeding s) {
        return ticketConversation(s).map(c -> Stores.of(s.system().deployment).slas().events(SHOP, c).stream()
                .anyMatch(e -> e.type() == SlaEventType.AGENT_REPLIED)).orElse(false);
    }

    private static Optional<ConversationId> ticketConversation(ColdStartBench.Seeding s) {
        return Stores.of(s.system().deployment).helpdeskLinks().byTicket(SHOP, HelpdeskSettings.Vendor.ZENDESK, TICKET).map(HelpdeskLinks.Link::conversation);
    }

    // --- whatsapp-webhook ---

    /** The sample order, and a WhatsApp message from its customer's number asking about it, sent now. */
    static void whatsAppQuestion(ColdStartBench.Seeding s, Path file) {
        ColdStartBench.sampleOrder(s);
        write(file, s.events().whatsAppEvent(WHATSAPP_MESSAGE_ID, "Hallo, wo bleibt meine Bestellung #1001?", s.clock().instant()));
    }

    /** The message opened a conversation and its order-status answer waits in the outbox for WhatsApp. */
    static boolean whatsAppAnswerQueued(ColdStartBench.Seeding s) {
        return Stores.of(s.system().deployment).conversations().conversationOfMessage(SHOP, WHATSAPP_MESSAGE_ID)
                .map(c -> Stores.of(s.system().deployment).outbox().list(SHOP).stream().anyMatch(m -> WhatsAppMessages.CHANNEL.equals(m.channel())
                        && m.kind() == OutboxKind.WISMO && c.value().equals(m.conversationId())))
                .orElse(false);
    }

    // --- kpi-rollup ---

    /**
     * The sources of a rollup: three customers' conversations received {@link #KPI_CONVERSATION_AGES} before the
     * clock (the API trusts a client's {@code received_at} up to seven days back), one answered by the team now.
     */
    static void kpiSources(ColdStartBench.Seeding s) {
        ColdStartBench.sampleOrder(s);
        String answered = null;
        for (int i = 0; i < KPI_CONVERSATION_AGES.size(); i++) {
            long customer = 2001 + i;
            ObjectNode body = (ObjectNode) BenchEvents.tree(s.events().messageEvent(customer, "bench-kpi-" + customer + "@relay.example")
                    .path("body").asText());
            body.put("received_at", s.clock().instant().minus(KPI_CONVERSATION_AGES.get(i)).truncatedTo(ChronoUnit.SECONDS).toString());
            var answer = s.system().messages.handleRequest(BenchSystem.httpEvent(s.events().signedMessageEvent(body.toString())), null);
            BenchSystem.expectStatus(answer, 202, "seed KPI conversation");
            answered = i == 1 ? BenchEvents.tree(answer.getBody()).path("ticket").asText() : answered;
        }
        // The sample agent_replied event without its "at": the reply counts at the clock's time.
        var reply = BenchEvents.tree(s.events().read("conversation-events/agent-replied.json").replace("PR-7K3M9QX2AB", answered)
                .replace(", \\\"at\\\": \\\"2026-11-25T10:00:00Z\\\"", ""));
        BenchSystem.expectStatus(s.system().conversationEvents.handleRequest(BenchSystem.httpEvent(reply), null), 200, "seed agent reply");
    }

    /** The 9 days the hourly run recomputes were stored, counting the seeded conversations. */
    static boolean kpiDaysStored(ColdStartBench.Seeding s) {
        LocalDate today = LocalDate.ofInstant(s.clock().instant(), ZoneOffset.UTC);
        var days = KpiWiring.kpis(s.system().deployment).days(SHOP, today.minusDays(10), today.plusDays(1));
        return days.size() == 9 && days.stream().mapToLong(d -> d.total().conversations()).sum() == KPI_CONVERSATION_AGES.size();
    }

    private static void write(Path file, ObjectNode event) {
        try {
            Files.writeString(file, event.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
