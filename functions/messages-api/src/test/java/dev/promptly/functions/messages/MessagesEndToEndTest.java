package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /messages} through the real handler, DynamoDB Local and a real SMTP server. */
class MessagesEndToEndTest {
    private MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void aNewMessageGetsOneUsefulAcknowledgementMail() throws Exception {
        // Friday 2026-11-27, 17:59 in Berlin: one minute before closing.
        JsonNode answer = system.postAndSend(system.message("m-1@mail.example.com", "Hallo, was kostet der Versand nach Österreich? Viele Grüße"));

        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        String ticket = answer.get("ticket").asText();
        assertEquals(ConversationId.derive(system.shop.value(), "m-1@mail.example.com").ticket(), ticket);
        assertFalse(answer.get("duplicate").asBoolean());
        assertEquals("anna.beispiel@example.com", mail.getAllRecipients()[0].toString());
        assertEquals("Demo Shop <support@demo-shop.example>", mail.getFrom()[0].toString());
        assertEquals("hilfe@demo-shop.example", mail.getReplyTo()[0].toString());
        assertEquals("[" + ticket + "] Wir haben Ihre Nachricht erhalten – Antwort bis Montag, 30. November 2026, 12:59 Uhr (MEZ)",
                mail.getSubject());
        assertEquals("auto-replied", mail.getHeader("Auto-Submitted")[0]);
        assertEquals("All", mail.getHeader("X-Auto-Response-Suppress")[0]);
        assertEquals("<m-1@mail.example.com>", mail.getHeader("In-Reply-To")[0]);
        assertEquals("<m-1@mail.example.com>", mail.getHeader("References")[0]);
        assertEquals(system.shop.value(), mail.getHeader("X-Promptly-Loop")[0]);
        assertTrue(mail.getMessageID().endsWith("@demo-shop.example>"), mail.getMessageID());
        Multipart parts = (Multipart) mail.getContent();
        assertTrue(mail.getContentType().startsWith("multipart/alternative"), mail.getContentType());
        assertEquals(2, parts.getCount());
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain") && parts.getBodyPart(1).isMimeType("text/html"));
        // Anna has no order and never wrote before: mail to an unknown address greets no one by name.
        assertTrue(text.startsWith("Hallo,\n") || text.startsWith("Hallo,\r\n"), text);
        assertTrue(text.contains("Sie erhalten bis spätestens Montag, 30. November 2026, 12:59 Uhr (MEZ) eine persönliche Antwort."), text);
        assertTrue(text.contains("Versand und Lieferung: https://demo-shop.example/pages/versand"), text);
        assertTrue(html.contains("<strong>" + ticket + "</strong>"), html);
        assertEquals(OutboxStatus.SENT, system.outboxMessages().get(0).status());
    }

    @Test
    void anEnglishMessageAtNightIsAnsweredInEnglishWithTheOutOfHoursWording() throws Exception {
        system.clock.set(Instant.parse("2026-11-28T22:30:00Z"));
        ObjectNode body = system.message("night@mail.example.com", "Hi, do you have the rain jacket in size M? Thanks!");
        body.put("subject", "Question about a jacket");

        system.postAndSend(body);

        MimeMessage mail = system.smtp.getReceivedMessages()[0];
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        assertTrue(mail.getSubject().endsWith("We have your message – reply by Monday, 30 November 2026, 13:00 (CET)"), mail.getSubject());
        assertTrue(text.contains("Our team is away right now and back on Monday, 30 November 2026, 09:00 (CET)."), text);
    }

    @Test
    void theCustomersTimeZoneIsUsedForThePromiseWhenKnown() throws Exception {
        ObjectNode body = system.message("zone@chat", "Hello, can I pay by invoice?");
        body.put("channel", "form");
        body.put("time_zone", "America/New_York");
        body.put("subject", "Payment");

        system.postAndSend(body);

        MimeMessage mail = system.smtp.getReceivedMessages()[0];
        assertTrue(mail.getSubject().endsWith("reply by Monday, 30 November 2026, 06:59 (EST)"), mail.getSubject());
    }

    @Test
    void aRepeatedMessageIdChangesNothingAndSendsOnce() {
        ObjectNode body = system.message("dup@mail.example.com", "Hallo, wo bleibt meine Lieferung?");
        system.postAndSend(body);
        int items = system.storedItems();

        JsonNode again = system.postAndSend(body);

        assertTrue(again.get("duplicate").asBoolean());
        assertEquals(items, system.storedItems());
        assertEquals(1, system.smtp.getReceivedMessages().length);
    }

    @Test
    void aFollowUpInTheSameConversationIsNotAcknowledgedAgain() {
        JsonNode first = system.postAndSend(system.message("first@mail.example.com", "Hallo, ich habe eine Frage zur Rücksendung."));
        String ackMessageId = system.outboxMessages().get(0).headers().get("Message-ID").replaceAll("[<>]", "");

        ObjectNode byHeader = system.message("second@mail.example.com", "Noch eine Ergänzung.");
        byHeader.put("in_reply_to", ackMessageId);
        JsonNode second = system.postAndSend(byHeader);

        assertEquals(first.get("conversation_id"), second.get("conversation_id"));
        assertEquals(1, system.smtp.getReceivedMessages().length);
        assertEquals(2, system.conversations.load(system.shop, new ConversationId(first.get("conversation_id").asText()))
                .orElseThrow().conversation().messageCount());
    }

    @Test
    void aTicketNumberFromAnotherSenderOpensItsOwnConversation() {
        JsonNode first = system.postAndSend(system.message("a@mail.example.com", "Hallo, eine Frage."));
        ObjectNode stranger = system.message("b@mail.example.com", "Hallo, ich habe auch eine Frage.");
        stranger.putObject("from").put("email", "someone.else@example.org");
        stranger.put("subject", "Re: [" + first.get("ticket").asText() + "]");

        JsonNode second = system.postAndSend(stranger);

        assertFalse(first.get("conversation_id").equals(second.get("conversation_id")));
        assertEquals(2, system.smtp.getReceivedMessages().length);
    }

    @Test
    void aTicketWithTheCustomersPhoneNumberOpensItsOwnConversation() {
        ObjectNode own = system.message("t-phone-1@mail.example.com", "Hallo, bitte liefern Sie an die Packstation.");
        ((ObjectNode) own.get("from")).put("phone", "+49 30 1234567");
        JsonNode first = system.postAndSend(own);
        ObjectNode intruder = system.message("t-phone-2", "Bitte liefern Sie doch an Gartenweg 5.");
        intruder.put("channel", "form");
        intruder.putObject("from").put("email", "mallory@evil.example").put("phone", "+49 30 1234567");
        intruder.put("subject", "Re: [" + first.get("ticket").asText() + "]");

        JsonNode second = system.postAndSend(intruder);

        assertFalse(first.get("conversation_id").equals(second.get("conversation_id")));
        assertEquals(1, system.conversations.load(system.shop, new ConversationId(first.get("conversation_id").asText()))
                .orElseThrow().conversation().messageCount());
    }

    @Test
    void aTicketWithAClaimedAddressOpensItsOwnConversation() {
        JsonNode first = system.postAndSend(system.message("t-claim-1@mail.example.com", "Hallo, eine Frage zur Rechnung."));
        ObjectNode claim = system.message("t-claim-2", "Bitte senden Sie die Rechnung an mallory@evil.example.");
        claim.put("channel", "form");
        claim.put("subject", "Re: [" + first.get("ticket").asText() + "]");

        JsonNode second = system.postAndSend(claim);

        assertFalse(first.get("conversation_id").equals(second.get("conversation_id")), "a typed address is no verified sender");
        assertEquals(1, system.conversations.load(system.shop, new ConversationId(first.get("conversation_id").asText()))
                .orElseThrow().conversation().messageCount());
    }

    @Test
    void aChatSessionIdFromAnotherSenderOpensItsOwnConversation() {
        ObjectNode own = system.message("s-own-1", "Hi, do you ship to Austria?");
        own.put("channel", "chat");
        own.put("session_id", "widget-session-77");
        JsonNode opened = system.postAndSend(own);
        ObjectNode intruder = system.message("s-intruder-1", "Please change the delivery address to Gartenweg 5.");
        intruder.put("channel", "chat");
        intruder.put("session_id", "widget-session-77");
        intruder.putObject("from").put("email", "mallory@evil.example");

        var response = system.post(intruder);
        ObjectNode ownAgain = system.message("s-own-2", "And to Switzerland?");
        ownAgain.put("channel", "chat");
        ownAgain.put("session_id", "widget-session-77");
        JsonNode continued = system.postAndSend(ownAgain);

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertFalse(opened.get("conversation_id").equals(MessagesTestSystem.json(response).get("conversation_id")));
        assertEquals(opened.get("conversation_id"), continued.get("conversation_id"), "the session stays its opener's");
        var stored = system.conversations.load(system.shop, new ConversationId(opened.get("conversation_id").asText())).orElseThrow();
        assertEquals(2, stored.conversation().messageCount());
        assertEquals("anna.beispiel@example.com", stored.conversation().customer().email());
    }

    @Test
    void anAutomaticMessageIsRecordedButNeverAnswered() {
        ObjectNode auto = system.message("ooo@mail.example.com", "Ich bin bis Montag nicht im Büro.");
        auto.putObject("headers").put("Auto-Submitted", "auto-replied");
        ObjectNode normal = system.message("no@mail.example.com", "Hallo, eine echte Frage.");
        normal.putObject("headers").put("Auto-Submitted", "no");

        JsonNode recorded = system.postAndSend(auto);
        system.postAndSend(normal);

        assertEquals(1, system.smtp.getReceivedMessages().length);
        var decision = system.conversations.ackDecision(system.shop, new ConversationId(recorded.get("conversation_id").asText())).orElseThrow();
        assertEquals("skipped", decision.outcome());
        assertEquals("auto_submitted", decision.reason());
    }

    @Test
    void orderStatusIsShownOnlyToTheOrdersOwnCustomer() throws Exception {
        system.storeSampleOrder();

        system.postAndSend(system.message("owner@mail.example.com", "Hallo, kann ich bei Bestellung #1001 noch die Farbe ändern?"));
        ObjectNode stranger = system.message("stranger@mail.example.com", "Hallo, kann ich bei Bestellung #1001 noch die Farbe ändern?");
        stranger.putObject("from").put("email", "mallory@example.org");
        system.postAndSend(stranger);

        java.util.Map<String, String> textByRecipient = new java.util.HashMap<>();
        for (MimeMessage mail : system.smtp.getReceivedMessages()) {
            textByRecipient.put(mail.getAllRecipients()[0].toString(),
                    ((String) ((Multipart) mail.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n"));
        }
        String owner = textByRecipient.get("anna.beispiel@example.com");
        String other = textByRecipient.get("mallory@example.org");
        // Friday: the promise (ship by Wednesday) has passed, so the acknowledgement repeats no date.
        assertTrue(owner.contains("Ihre Bestellung #1001:\nSie wird gerade bearbeitet und ist noch nicht versandt.\n"), owner);
        assertFalse(other.contains("#1001"), other);
        assertEquals(List.of("5001001"), system.outboxMessages().stream()
                .filter(m -> m.to().equals("anna.beispiel@example.com")).map(OutboxMessage::orderId).toList());
    }

    @Test
    void fiftyConcurrentDeliveriesOfOneMessageSendOneReply() throws Exception {
        ObjectNode body = system.message("burst@mail.example.com", "Hallo, wo bleibt mein Paket?");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return system.post(body).getStatusCode();
            }));
        }

        start.countDown();
        for (Future<Integer> result : results) {
            assertEquals(202, result.get());
        }
        pool.shutdown();
        system.sender().sweep(100);
        system.sender().sweep(100);

        assertEquals(1, system.smtp.getReceivedMessages().length);
        assertEquals(1, system.outboxMessages().size());
    }

    @Test
    void theSenderBudgetPausesRepliesAndTellsTheTeamOnce() {
        system.close();
        system = new MessagesTestSystem(", \"auto_reply_budget\": {\"per_sender_per_day\": 2}");
        for (int i = 0; i < 4; i++) {
            system.postAndSend(system.message("budget-" + i + "@mail.example.com", "Hallo, Frage Nummer " + i));
        }

        List<OutboxMessage> outbox = system.outboxMessages();
        assertEquals(2, outbox.stream().filter(m -> m.kind() == OutboxKind.ACK).count());
        List<OutboxMessage> alerts = outbox.stream().filter(m -> m.kind() == OutboxKind.BUDGET_ALERT).toList();
        assertEquals(1, alerts.size());
        assertEquals("support@demo-shop.example", alerts.get(0).to());
        assertEquals(3, system.smtp.getReceivedMessages().length);
    }

    @Test
    void aFailedSendIsRetriedLaterAndDeliveredOnce() {
        system.useTransport(Optional.of((from, to, mime) -> {
            throw new MailDeliveryException("SMTP delivery failed: connection refused", false, null);
        }));
        system.postAndSend(system.message("retry@mail.example.com", "Hallo, bitte um Rückruf."));
        OutboxMessage waiting = system.outboxMessages().get(0);
        assertEquals(OutboxStatus.PENDING, waiting.status());
        assertEquals(1, waiting.attempts());

        system.useTransport(Optional.of(new dev.promptly.mail.smtp.SmtpMailTransport("127.0.0.1", system.smtp.getSmtp().getPort())));
        system.sender().sweep(100);
        assertEquals(0, system.smtp.getReceivedMessages().length, "not before the back-off has passed");
        system.clock.advance(Duration.ofMinutes(1));
        system.sender().sweep(100);
        system.sender().sweep(100);

        assertEquals(1, system.smtp.getReceivedMessages().length);
        assertEquals(OutboxStatus.SENT, system.outboxMessages().get(0).status());
        assertEquals(OutboxSender.Result.NOT_DUE, system.sender().deliver(system.shop, waiting.id()));
    }

    @Test
    void aChatMessageGetsItsAcknowledgementInTheAnswer() {
        ObjectNode chat = system.message("chat-1", "Hi, do you ship to Austria?");
        chat.put("channel", "chat");
        chat.remove("subject");
        chat.put("session_id", "widget-session-42");

        JsonNode answer = system.postAndSend(chat);

        assertEquals("returned", answer.get("acknowledgement").get("status").asText());
        assertTrue(answer.get("acknowledgement").get("text").asText().contains("please quote ticket " + answer.get("ticket").asText()),
                answer.toString());
        assertEquals(0, system.smtp.getReceivedMessages().length);
        ObjectNode next = system.message("chat-2", "And to Switzerland?");
        next.put("channel", "chat");
        next.put("session_id", "widget-session-42");
        assertEquals(answer.get("conversation_id"), system.postAndSend(next).get("conversation_id"));
    }

    @Test
    void logsCarryIdsButNoPersonalData() {
        system.postAndSend(system.message("log@mail.example.com", "Hallo, meine Adresse ist Musterstraße 1."));

        String logs = system.logText();
        assertTrue(logs.contains("message.new_conversation"), logs);
        assertFalse(logs.contains("anna.beispiel"), logs);
        assertFalse(logs.contains("Anna"), logs);
        assertFalse(logs.contains("Musterstraße"), logs);
    }

    @Test
    void customersRedactErasesTheCustomersConversationsAndTheirMail() {
        system.postAndSend(system.message("redact-1@mail.example.com", "Hallo, meine Adresse ist Musterstraße 1."));
        ObjectNode other = system.message("redact-2@mail.example.com", "Hallo, eine andere Kundin.");
        other.putObject("from").put("email", "bea.other@example.org");
        JsonNode kept = system.postAndSend(other);

        system.deliverSampleWebhook("customers/redact", "customers-redact");

        List<dev.promptly.core.message.Conversation> left = system.conversations.list(system.shop);
        assertEquals(1, left.size());
        assertEquals(kept.get("conversation_id").asText(), left.get(0).id().value());
        assertEquals(List.of("bea.other@example.org"), system.outboxMessages().stream().map(OutboxMessage::to).toList());
        JsonNode again = system.postAndSend(system.message("redact-1@mail.example.com", "Hallo, meine Adresse ist Musterstraße 1."));
        assertTrue(again.get("duplicate").asBoolean(), "a replay of an erased message is still recognised and not answered again");
    }

    @Test
    void aCustomerDataRequestExportsTheirConversationsToo() throws Exception {
        system.postAndSend(system.message("export-1@mail.example.com", "Hallo, kann ich auch auf Rechnung zahlen?"));

        system.deliverSampleWebhook("customers/data_request", "customers-data-request");

        String export = new dev.promptly.aws.dynamodb.DynamoDataExportStore(system.client, MessagesTestSystem.TABLE)
                .find(system.shop, "3301", system.clock.instant()).orElseThrow();
        JsonNode conversations = MessagesTestSystem.JSON.readTree(export).get("conversations");
        assertEquals(1, conversations.size());
        assertEquals("Hallo, kann ich auch auf Rechnung zahlen?", conversations.get(0).get("messages").get(0).get("text").asText());
    }

    /** A chat from someone who typed Anna's phone number and no address. */
    private ObjectNode chatWithAnnasPhone(String messageId) {
        ObjectNode chat = system.message(messageId, "Hi, I am Bea. Can you deliver my parcel to the neighbour?");
        chat.put("channel", "chat");
        chat.putObject("from").put("name", "Bea").put("phone", "+49 30 1234567");
        return chat;
    }

    @Test
    void aDataRequestExportsNoConversationKnownOnlyByThePhoneNumber() throws Exception {
        system.postAndSend(system.message("phone-export-1@mail.example.com", "Hallo, kann ich auch auf Rechnung zahlen?"));
        system.postAndSend(chatWithAnnasPhone("phone-export-2"));

        system.deliverSampleWebhook("customers/data_request", "customers-data-request");

        String export = new dev.promptly.aws.dynamodb.DynamoDataExportStore(system.client, MessagesTestSystem.TABLE)
                .find(system.shop, "3301", system.clock.instant()).orElseThrow();
        JsonNode conversations = MessagesTestSystem.JSON.readTree(export).get("conversations");
        assertEquals(1, conversations.size(), conversations.toString());
        assertEquals("Hallo, kann ich auch auf Rechnung zahlen?", conversations.get(0).get("messages").get(0).get("text").asText());
    }

    @Test
    void aRedactionErasesNoConversationKnownOnlyByThePhoneNumber() {
        system.postAndSend(system.message("phone-redact-1@mail.example.com", "Hallo, meine Adresse ist Musterstraße 1."));
        JsonNode kept = system.postAndSend(chatWithAnnasPhone("phone-redact-2"));

        system.deliverSampleWebhook("customers/redact", "customers-redact");

        List<dev.promptly.core.message.Conversation> left = system.conversations.list(system.shop);
        assertEquals(List.of(kept.get("conversation_id").asText()), left.stream().map(c -> c.id().value()).toList());
    }

    @Test
    void aDataRequestExportsTheConversationAboutTheCustomersOrderAfterTheirAddressChanged() throws Exception {
        system.storeSampleOrder();
        system.postAndSend(system.message("order-export-1@mail.example.com", "Hallo, wo bleibt meine Bestellung #1001?"));
        ObjectNode request = MessagesTestSystem.sample("customers-data-request");
        ((ObjectNode) request.get("customer")).put("email", "anna.neu@example.com");
        request.putArray("orders_requested");

        system.deliverWebhook("customers/data_request", request);

        String export = new dev.promptly.aws.dynamodb.DynamoDataExportStore(system.client, MessagesTestSystem.TABLE)
                .find(system.shop, "3301", system.clock.instant()).orElseThrow();
        assertEquals(1, MessagesTestSystem.JSON.readTree(export).get("conversations").size());
    }

    @Test
    void aChatQuestionAboutAnOrderIsAnsweredByMailToTheOrdersAddressNotInTheChat() throws Exception {
        system.storeSampleOrder();
        ObjectNode chat = system.message("chat-order-1", "Hi, where is my order #1001?");
        chat.put("channel", "chat");
        ObjectNode phoneOnly = system.message("chat-order-2", "Hi, where is my order #1001?");
        phoneOnly.put("channel", "chat");
        phoneOnly.putObject("from").put("phone", "+49 30 1234567");

        JsonNode byMail = system.postAndSend(chat);
        JsonNode inChat = system.postAndSend(phoneOnly);

        assertEquals("pending", byMail.get("acknowledgement").get("status").asText());
        assertFalse(byMail.get("acknowledgement").has("text"), "no order details in the chat answer: " + byMail);
        assertEquals(1, system.smtp.getReceivedMessages().length);
        assertEquals("anna.beispiel@example.com", system.smtp.getReceivedMessages()[0].getAllRecipients()[0].toString());
        assertEquals("returned", inChat.get("acknowledgement").get("status").asText());
        assertFalse(inChat.get("acknowledgement").get("text").asText().contains("1001"), "a typed phone number proves nothing: " + inChat);
    }

    @Test
    void aWhatsAppMessageClaimingTheCustomersAddressGetsNoOrderDetails() {
        system.storeSampleOrder();
        ObjectNode claim = system.message("wa-claim-1", "Hi, where is my order #1001?");
        claim.put("channel", "whatsapp");
        claim.putObject("from").put("phone", "+49 170 5550100").put("email", "anna.beispiel@example.com");

        JsonNode answer = system.postAndSend(claim);

        String text = answer.get("acknowledgement").get("text").asText();
        assertEquals("returned", answer.get("acknowledgement").get("status").asText());
        assertFalse(text.contains("1001") || answer.get("acknowledgement").get("html").asText().contains("1001"), text);
        assertEquals(0, system.smtp.getReceivedMessages().length);
        assertEquals(java.util.Collections.singletonList(null), system.outboxMessages().stream().map(OutboxMessage::orderId).toList());
    }

    @Test
    void aRelayedWhatsAppNumberUnlocksNoOrder() {
        system.storeSampleOrder();
        ObjectNode relayed = system.message("wa-phone-1", "Hi, where is my order #1001?");
        relayed.put("channel", "whatsapp");
        relayed.putObject("from").put("phone", "+49 30 1234567");
        ObjectNode withoutNumber = system.message("wa-phone-2", "Hi, where is my order?");
        withoutNumber.put("channel", "whatsapp");
        withoutNumber.putObject("from").put("phone", "+49 30 1234567");

        String named = system.postAndSend(relayed).get("acknowledgement").get("text").asText();
        String unnamed = system.postAndSend(withoutNumber).get("acknowledgement").get("text").asText();

        assertFalse(named.contains("1001"), named);
        assertFalse(unnamed.contains("1001"), unnamed);
        assertTrue(system.outboxMessages().stream().allMatch(m -> m.orderId() == null));
    }

    @Test
    void aChatClientRetryingGetsTheSameAcknowledgementAgain() {
        ObjectNode chat = system.message("chat-retry", "Hi, do you ship to Austria?");
        chat.put("channel", "chat");

        JsonNode first = system.postAndSend(chat);
        JsonNode retry = system.postAndSend(chat);

        assertTrue(retry.get("duplicate").asBoolean());
        assertEquals(first.get("acknowledgement"), retry.get("acknowledgement"));
    }

    @Test
    void twoFirstMessagesOfOneChatSessionAtOnceMakeOneConversation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ObjectNode chat = system.message("session-race-" + i, "Hi, do you ship to Austria? (" + i + ")");
            chat.put("channel", "chat");
            chat.put("session_id", "race-session");
            answers.add(pool.submit(() -> {
                start.await();
                return MessagesTestSystem.json(system.post(chat));
            }));
        }

        start.countDown();
        java.util.Set<String> conversations = new java.util.HashSet<>();
        for (Future<JsonNode> answer : answers) {
            conversations.add(answer.get().get("conversation_id").asText());
        }
        pool.shutdown();

        assertEquals(1, conversations.size());
        assertEquals(1, system.outboxMessages().size(), "one acknowledgement");
    }

    @Test
    void aQuestionThatGetsNoReplyBecauseOfTheBudgetStaysOpenForAPerson() {
        system.close();
        system = new MessagesTestSystem(", \"auto_reply_budget\": {\"per_sender_per_day\": 1}");
        system.storeSampleOrder();
        system.postAndSend(system.message("b-1", "Hallo, eine Frage zur Rechnung."));

        JsonNode unanswered = system.postAndSend(system.message("b-2", "Wo bleibt meine Bestellung #1001?"));

        var stored = system.conversations.load(system.shop, new ConversationId(unanswered.get("conversation_id").asText())).orElseThrow();
        assertEquals(dev.promptly.core.message.ConversationStatus.OPEN, stored.conversation().status());
    }

    @Test
    void eachSenderThatTripsItsBudgetIsReportedToTheTeam() {
        system.close();
        system = new MessagesTestSystem(", \"auto_reply_budget\": {\"per_sender_per_day\": 1}");
        for (String sender : List.of("a.one@example.com", "b.two@example.com")) {
            for (int i = 0; i < 2; i++) {
                ObjectNode message = system.message(sender + "-" + i, "Hallo, eine Frage zur Rechnung Nummer " + i);
                message.putObject("from").put("email", sender);
                system.postAndSend(message);
            }
        }

        assertEquals(2, system.outboxMessages().stream().filter(m -> m.kind() == OutboxKind.BUDGET_ALERT).count());
    }

    @Test
    void aShopNameWithACommaAndUmlautsMakesAValidFromHeader() throws Exception {
        system.close();
        system = new MessagesTestSystem(", \"name\": \"Bäckerei Müller, Inc.\"");

        system.postAndSend(system.message("from-1", "Hallo, eine Frage zur Rechnung."));

        var from = (jakarta.mail.internet.InternetAddress) system.smtp.getReceivedMessages()[0].getFrom()[0];
        assertEquals("Bäckerei Müller, Inc.", from.getPersonal());
        assertEquals("support@demo-shop.example", from.getAddress());
    }

    @Test
    void aMessageDueAtAWholeSecondIsSentBySweepsAFractionLater() {
        system.clock.set(Instant.parse("2026-11-27T16:59:00Z"));
        system.post(system.message("whole-second", "Hallo, eine Frage zur Rechnung."));

        system.clock.advance(Duration.ofMillis(450));
        system.sender().sweep(10);

        assertEquals(1, system.smtp.getReceivedMessages().length);
    }

    @Test
    void anUnexpectedTransportFailureIsRetriedNotLost() {
        system.useTransport(Optional.of((from, to, mime) -> {
            throw new IllegalStateException("credentials expired");
        }));

        system.postAndSend(system.message("transport-1", "Hallo, eine Frage zur Rechnung."));

        OutboxMessage waiting = system.outboxMessages().get(0);
        assertEquals(OutboxStatus.PENDING, waiting.status());
        assertEquals(1, waiting.attempts());
        assertEquals("IllegalStateException", waiting.lastError());
    }

    @Test
    void aVeryLongTextIsStoredShortenedAndSaysSo() {
        JsonNode accepted = system.postAndSend(system.message("long-1", "Hallo! " + "Sehr langer Text. ".repeat(5000)));

        JsonNode stored = system.conversations.messages(system.shop, new ConversationId(accepted.get("conversation_id").asText())).get(0);
        assertEquals(50_000, stored.get("text").asText().length());
        assertTrue(stored.get("text_truncated").asBoolean());
    }

    @Test
    void aCutThroughAnEmojiKeepsTheWholeCharacterOut() {
        // given a text whose 50,000th and 50,001st chars are the two halves of one emoji
        String text = "Hallo! " + "x".repeat(50_000 - 1 - 7) + "\uD83D\uDE00" + " und noch mehr Text";

        JsonNode accepted = system.postAndSend(system.message("long-emoji", text));

        // then the stored text ends before the emoji, not in its middle
        String stored = system.conversations.messages(system.shop, new ConversationId(accepted.get("conversation_id").asText()))
                .get(0).get("text").asText();
        assertEquals(49_999, stored.length());
        assertFalse(Character.isSurrogate(stored.charAt(stored.length() - 1)));
    }

    @Test
    void snapStartPrimingRunsTheWholePathButWritesNothing() {
        system.handler.beforeCheckpoint(null);
        system.sender().sweep(10);

        assertEquals(0, system.storedItems());
        assertEquals(0, system.smtp.getReceivedMessages().length);
    }
}
