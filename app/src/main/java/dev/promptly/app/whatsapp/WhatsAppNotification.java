package dev.promptly.app.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.JsonProblem;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.message.AttachmentNote;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.ClaimedReceipt;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.MessageIds;
import dev.promptly.core.message.Sender;
import dev.promptly.core.message.VerifiedContact;
import dev.promptly.core.message.Words;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a WhatsApp Cloud API webhook notification (a signed {@code POST} from Meta) into the customer
 * messages and the delivery statuses it carries for one business phone number.
 *
 * <p>Shape, as documented at
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components and the message references
 * under https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/ :
 * {@code {"object": "whatsapp_business_account", "entry": [{"id": WABA, "changes": [{"field": "messages",
 * "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number", "phone_number_id"},
 * "contacts": [{"profile": {"name"}, "wa_id"}], "messages": [{"from", "id", "timestamp", "type", "text":
 * {"body"} | "interactive": {"type": "button_reply", "button_reply": {"id", "title"}} | "button": {"text",
 * "payload"} | "image"/"audio"/"video"/"document"/"sticker": {"id", "mime_type", ...} | ...}],
 * "statuses": [{"id", "status", "timestamp", "recipient_id", "errors": [{"code", "title"}]}]}}]}]}}.
 *
 * <p>The sender's number is the one WhatsApp delivers ({@code from}, digits without "+"): Meta vouches for
 * it, so the message carries it as a verified phone ({@link VerifiedContact#PHONE}). Media and other
 * non-text messages are recorded without their content (no media is fetched); only a note of their kind
 * stays. Reactions and system notices (e.g. a changed number) are not customer messages and are skipped.
 * Changes for another phone number id or another field are skipped, not refused: Meta sends every
 * subscribed field of the app to the same callback.
 */
public final class WhatsAppNotification {
    /** Meta's object name for the WhatsApp Business Account webhooks. */
    static final String OBJECT = "whatsapp_business_account";
    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "document", "sticker");
    private static final Set<String> NOT_CUSTOMER_MESSAGES = Set.of("reaction", "system");
    /** WhatsApp text bodies are at most 4,096 characters; anything longer is not Meta's. */
    private static final int MAX_TEXT = 4096;
    private static final int MAX_NAME = 200;
    /** A notification batches a handful of updates; more than this many items is not a notification. */
    static final int MAX_ITEMS = 1000;

    /** One delivery status of a message Promptly sent. {@code errors} lists the documented error codes of a failure. */
    public record StatusUpdate(String messageId, String status, Instant at, List<StatusError> errors) {
        public StatusUpdate {
            errors = List.copyOf(errors);
        }
    }

    /** A Cloud API error: its numeric {@code code} and {@code title}. */
    public record StatusError(int code, String title) {
    }

    /** What the notification carries for the shop's number: customer messages, statuses and how many items were skipped. */
    public record Parsed(List<InboundMessage> messages, List<StatusUpdate> statuses, int skipped) {
        public Parsed {
            messages = List.copyOf(messages);
            statuses = List.copyOf(statuses);
        }
    }

    private WhatsAppNotification() {
    }

    /**
     * Reads {@code body} for the shop's {@code phoneNumberId}; {@code now} is when Promptly received it.
     *
     * @throws InvalidInputException naming the first field that is not as documented (400; nothing is recorded)
     */
    public static Parsed read(byte[] body, ShopDomain shop, String phoneNumberId, Instant now) {
        JsonNode root = tree(body);
        List<InboundMessage> messages = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        int skipped = 0;
        if (!OBJECT.equals(root.path("object").asText(null))) {
            return new Parsed(messages, statuses, 1);
        }
        JsonNode entries = array(root, "entry", "entry");
        int items = 0;
        for (int e = 0; e < entries.size(); e++) {
            JsonNode changes = array(entries.get(e), "changes", "entry[" + e + "].changes");
            for (int c = 0; c < changes.size(); c++) {
                String path = "entry[" + e + "].changes[" + c + "]";
                JsonNode change = changes.get(c);
                JsonNode value = change.path("value");
                if (!"messages".equals(change.path("field").asText(null))
                        || !phoneNumberId.equals(value.path("metadata").path("phone_number_id").asText(null))) {
                    skipped++;
                    continue;
                }
                Map<String, String> names = names(value.path("contacts"), path + ".value.contacts");
                JsonNode inbound = optionalArray(value, "messages", path + ".value.messages");
                JsonNode sent = optionalArray(value, "statuses", path + ".value.statuses");
                items += inbound.size() + sent.size();
                if (items > MAX_ITEMS) {
                    throw new InvalidInputException("entry", "carries more than " + MAX_ITEMS + " messages and statuses");
                }
                for (int m = 0; m < inbound.size(); m++) {
                    Optional<InboundMessage> message = message(inbound.get(m), path + ".value.messages[" + m + "]", names, shop, now);
                    if (message.isPresent()) {
                        messages.add(message.get());
                    } else {
                        skipped++;
                    }
                }
                for (int s = 0; s < sent.size(); s++) {
                    statuses.add(status(sent.get(s), path + ".value.statuses[" + s + "]", now));
                }
            }
        }
        return new Parsed(messages, statuses, skipped);
    }

    private static Optional<InboundMessage> message(JsonNode node, String path, Map<String, String> names, ShopDomain shop, Instant now) {
        String type = text(node, "type", path, 64);
        if (NOT_CUSTOMER_MESSAGES.contains(type)) {
            return Optional.empty();
        }
        String id = messageId(node, path);
        String from = digits(node, "from", path);
        Instant at = new ClaimedReceipt(timestamp(node, path), now).effective();
        String body = "";
        List<AttachmentNote> notes = new ArrayList<>();
        switch (type) {
            case "text" -> body = text(node.path("text"), "body", path + ".text", MAX_TEXT);
            case "interactive" -> body = interactiveTitle(node.path("interactive"), path + ".interactive");
            // A quick-reply button of a template message.
            case "button" -> body = text(node.path("button"), "text", path + ".button", MAX_TEXT);
            default -> {
                // Noted, not read: no media is downloaded and no caption, location or contact card is kept.
                String mime = MEDIA.contains(type) ? node.path(type).path("mime_type").asText(null) : null;
                notes.add(new AttachmentNote("whatsapp-" + type, mime != null && mime.length() <= 100 ? mime : null, 0));
            }
        }
        String name = names.get(from);
        var sender = new Sender(name, null, "+" + from);
        // The customer's WhatsApp id threads the conversation, as a chat session would.
        return Optional.of(new InboundMessage(shop, Channel.WHATSAPP, id, sender, null, body, List.of(), session(from), at, Map.of(),
                null, notes, false, VerifiedContact.PHONE, null));
    }

    /** The chat session that threads a customer's WhatsApp messages: their WhatsApp id. */
    public static String session(String waId) {
        return "whatsapp:" + waId;
    }

    private static String interactiveTitle(JsonNode interactive, String path) {
        String kind = text(interactive, "type", path, 64);
        JsonNode reply = interactive.path(kind);
        if (!reply.isObject()) {
            throw new InvalidInputException(path + "." + kind, "is required for interactive type " + kind.replaceAll("[^a-z_]", "?"));
        }
        return text(reply, "title", path + "." + kind, MAX_TEXT);
    }

    private static StatusUpdate status(JsonNode node, String path, Instant now) {
        String id = messageId(node, path);
        String status = text(node, "status", path, 32);
        List<StatusError> errors = new ArrayList<>();
        JsonNode list = optionalArray(node, "errors", path + ".errors");
        for (int i = 0; i < list.size(); i++) {
            JsonNode error = list.get(i);
            if (!error.path("code").canConvertToInt()) {
                throw new InvalidInputException(path + ".errors[" + i + "].code", "must be a number");
            }
            String title = error.path("title").asText("");
            errors.add(new StatusError(error.path("code").asInt(), title.length() > 200 ? title.substring(0, 200) : title));
        }
        return new StatusUpdate(id, status, new ClaimedReceipt(timestamp(node, path), now).effective(), errors);
    }

    private static Map<String, String> names(JsonNode contacts, String path) {
        Map<String, String> names = new HashMap<>();
        if (contacts.isMissingNode() || contacts.isNull()) {
            return names;
        }
        if (!contacts.isArray()) {
            throw new InvalidInputException(path, "must be a list");
        }
        for (JsonNode contact : contacts) {
            String waId = contact.path("wa_id").asText("");
            String name = contact.path("profile").path("name").asText(null);
            if (!waId.isEmpty() && name != null) {
                // A profile name is whatever the user typed in WhatsApp: one line, bounded, emoji kept whole or left out.
                String clean = name.replaceAll("\\p{Cntrl}+", " ").strip();
                names.put(waId, Words.head(clean, MAX_NAME));
            }
        }
        return names;
    }

    private static String messageId(JsonNode node, String path) {
        String id = text(node, "id", path, MessageIds.MAX_LENGTH);
        if (!MessageIds.printable(id)) {
            throw new InvalidInputException(path + ".id", "must be printable text");
        }
        return id;
    }

    private static String digits(JsonNode node, String field, String path) {
        String value = text(node, field, path, 32);
        if (!value.matches("[0-9]{6,20}")) {
            throw new InvalidInputException(path + "." + field, "must be the sender's WhatsApp number in digits");
        }
        return value;
    }

    private static Instant timestamp(JsonNode node, String path) {
        String raw = text(node, "timestamp", path, 20);
        if (!raw.matches("[0-9]{1,12}")) {
            throw new InvalidInputException(path + ".timestamp", "must be Unix seconds");
        }
        return Instant.ofEpochSecond(Long.parseLong(raw));
    }

    private static String text(JsonNode node, String field, String path, int max) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidInputException(path + "." + field, "is required as a string");
        }
        if (value.asText().length() > max) {
            throw new InvalidInputException(path + "." + field, "is longer than " + max + " characters");
        }
        return value.asText();
    }

    private static JsonNode array(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw new InvalidInputException(path, "must be a list");
        }
        return value;
    }

    private static JsonNode optionalArray(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return JsonTrees.array();
        }
        return array(node, field, path);
    }

    private static JsonNode tree(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = JsonTrees.read(text);
        } catch (JsonProcessingException e) {
            throw JsonProblem.invalid("body", e, "is not valid JSON (" + JsonProblem.position(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        return root;
    }
}
