package dev.promptly.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.helpdesk.HelpdeskEvent;
import dev.promptly.app.helpdesk.HelpdeskEvent.Author;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketMessage;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketStatus;
import dev.promptly.app.port.HelpdeskConnector;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.sla.Priority;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Help Scout (Mailbox API 2.0). Webhooks (https://developer.helpscout.com/webhooks) carry the event in
 * {@code X-HelpScout-Event} and a v2 Conversation object as body, signed with
 * {@code X-HelpScout-Signature} = base64(HMAC-SHA1(secret key, body)). Events read: {@code convo.created}
 * and {@code convo.customer.reply.created} (a customer message), {@code convo.agent.reply.created} (an
 * agent reply), {@code convo.status} and {@code convo.tags}; the newest thread is the first of
 * {@code _embedded.threads}. Help Scout has no priority: a conversation has status, assignee and tags
 * (Update Conversation patches only {@code /assignTo}, {@code /draft}, {@code /mailboxId},
 * {@code /primaryCustomer.id}, {@code /status} and {@code /subject},
 * https://developer.helpscout.com/mailbox-api/endpoints/conversations/update/), so a priority is the tag
 * {@code promptly-priority-<low|normal|high|urgent>} ({@link #PRIORITY_TAG}), which replaces any other such
 * tag and which webhooks read back as the conversation's priority. Writes: {@code POST /v2/conversations/{id}/notes}
 * (https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/note/), a public reply
 * {@code POST /v2/conversations/{id}/reply} to the conversation's primary customer, tags with
 * {@code PUT /v2/conversations/{id}/tags} (which replaces the list, so the conversation's tags are read
 * first). The API takes an OAuth2 bearer token from the client-credentials flow
 * ({@code POST /v2/oauth2/token}), cached until shortly before it expires.
 */
public final class HelpScoutConnector implements HelpdeskConnector {
    static final String SIGNATURE = "x-helpscout-signature";
    static final String EVENT = "x-helpscout-event";
    private static final Set<String> CUSTOMER = Set.of("convo.created", "convo.customer.reply.created");
    private static final Map<String, TicketStatus> STATUS = Map.of("active", TicketStatus.OPEN, "open", TicketStatus.OPEN,
            "pending", TicketStatus.WAITING_ON_CUSTOMER, "closed", TicketStatus.SOLVED);

    /** The tag that stands for a priority, followed by its wire name; Help Scout lower-cases tags, as these are. */
    static final String PRIORITY_TAG = "promptly-priority-";

    private record Token(String value, Instant expiresAt) {
    }

    private final HelpdeskHttp http;
    private final java.time.Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public HelpScoutConnector(HttpClient client) {
        this(client, java.time.Clock.systemUTC());
    }

    /** {@code clock} tells when a cached access token has expired. */
    public HelpScoutConnector(HttpClient client, java.time.Clock clock) {
        this.http = new HelpdeskHttp(client);
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Vendor vendor() {
        return Vendor.HELPSCOUT;
    }

    @Override
    public void verify(Account account, Map<String, String> headers, byte[] body, Instant now) {
        String expected = WebhookSignatures.base64Hmac("HmacSHA1", account.webhookSecret(), body);
        WebhookSignatures.require(headers.get(SIGNATURE), expected, "X-HelpScout-Signature");
    }

    @Override
    public List<HelpdeskEvent> read(Map<String, String> headers, byte[] body) {
        String event = headers.getOrDefault(EVENT, "");
        JsonNode root;
        try {
            root = JsonTrees.read(body);
        } catch (IOException e) {
            throw new InvalidInputException("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "must be a Help Scout conversation object");
        }
        if (!event.startsWith("convo.") || event.equals("convo.deleted")) {
            return HelpdeskEvent.none();
        }
        String id = root.path("id").asText("");
        if (!id.matches("[0-9]{1,20}")) {
            throw new InvalidInputException("id", "must be the conversation's id");
        }
        Instant at = Optional.ofNullable(TemplatedWebhook.text(root, "userUpdatedAt")).or(() -> Optional.ofNullable(
                TemplatedWebhook.text(root, "createdAt"))).map(TemplatedWebhook::instant).orElse(Instant.EPOCH);
        Optional<TicketMessage> message = Optional.empty();
        boolean customer = CUSTOMER.contains(event);
        if (customer || event.equals("convo.agent.reply.created")) {
            JsonNode thread = root.path("_embedded").path("threads").path(0);
            if (!thread.isObject()) {
                throw new InvalidInputException("_embedded.threads", "must hold the conversation's newest thread");
            }
            JsonNode person = root.path("primaryCustomer").isObject() ? root.path("primaryCustomer") : root.path("customer");
            String name = (person.path("first").asText("") + " " + person.path("last").asText("")).strip();
            String text = thread.path("body").asText("");
            if (text.length() > TemplatedWebhook.MAX_COMMENT) {
                throw new InvalidInputException("_embedded.threads[0].body", "is longer than " + TemplatedWebhook.MAX_COMMENT + " characters");
            }
            message = Optional.of(new TicketMessage(thread.path("id").asText("0"), customer ? Author.CUSTOMER : Author.AGENT, text,
                    TemplatedWebhook.text(person, "email"), name.isEmpty() ? null : name, TemplatedWebhook.text(root, "subject"),
                    Optional.ofNullable(TemplatedWebhook.text(thread, "createdAt")).map(TemplatedWebhook::instant).orElse(at)));
        }
        Optional<Set<String>> tags = Optional.empty();
        if (root.path("tags").isArray()) {
            Set<String> names = new LinkedHashSet<>();
            root.path("tags").forEach(t -> names.add(t.isObject() ? t.path("tag").asText("") : t.asText("")));
            names.remove("");
            tags = Optional.of(names);
        }
        String delivery = WebhookSignatures.digest("helpscout " + event, body);
        return List.of(new HelpdeskEvent(delivery, id, at, Optional.ofNullable(STATUS.get(root.path("status").asText(""))),
                tags.flatMap(HelpScoutConnector::priorityOf), tags, message));
    }

    /** The priority a {@link #PRIORITY_TAG} names; none when there is no such tag, or several that disagree. */
    private static Optional<Priority> priorityOf(Set<String> tags) {
        Set<Priority> named = new HashSet<>();
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PRIORITY_TAG)) {
                Priority.fromWire(lower.substring(PRIORITY_TAG.length())).ifPresent(named::add);
            }
        }
        return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
    }

    @Override
    public String write(Account account, TicketUpdate update) {
        String auth = "Bearer " + token(account);
        String conversation = account.settings().baseUrl() + "/v2/conversations/" + update.ticketId();
        TreeSet<String> added = new TreeSet<>(update.addTags());
        update.priority().ifPresent(priority -> added.add(PRIORITY_TAG + priority.wire()));
        JsonNode current = update.publicReply() || !added.isEmpty()
                ? http.send("GET", URI.create(conversation), auth, null) : JsonTrees.object();
        ObjectNode thread = JsonTrees.object();
        thread.put("text", update.text());
        if (update.publicReply()) {
            thread.putObject("customer").put("id", current.path("primaryCustomer").path("id").asLong());
        }
        http.send("POST", URI.create(conversation + (update.publicReply() ? "/reply" : "/notes")), auth, thread);
        if (!added.isEmpty()) {
            TreeSet<String> tags = new TreeSet<>(added);
            current.path("tags").forEach(t -> {
                String name = t.isObject() ? t.path("tag").asText() : t.asText();
                // A new priority replaces the old one: one priority tag at a time.
                if (update.priority().isEmpty() || !name.toLowerCase(Locale.ROOT).startsWith(PRIORITY_TAG)) {
                    tags.add(name);
                }
            });
            ObjectNode body = JsonTrees.object();
            tags.forEach(body.putArray("tags")::add);
            http.send("PUT", URI.create(conversation + "/tags"), auth, body);
        }
        return "helpscout conversation " + update.ticketId();
    }

    private String token(Account account) {
        String key = account.settings().baseUrl() + " " + account.settings().user();
        Token cached = tokens.get(key);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return cached.value();
        }
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(account.settings().user(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(account.apiToken(), StandardCharsets.UTF_8);
        JsonNode answer = http.form(URI.create(account.settings().baseUrl() + "/v2/oauth2/token"), form);
        // Renew a minute early: a token that expires in flight would fail the write.
        Token token = new Token(answer.path("access_token").asText(),
                clock.instant().plus(Duration.ofSeconds(Math.max(0, answer.path("expires_in").asLong(0) - 60))));
        tokens.put(key, token);
        return token.value();
    }
}
