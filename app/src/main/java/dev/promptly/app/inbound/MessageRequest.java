package dev.promptly.app.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.JsonProblem;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.ClaimedReceipt;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.MessageIds;
import dev.promptly.core.message.Sender;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /messages} into an {@link InboundMessage}, naming the first field that
 * is wrong. Contract: {@code shop}, {@code channel} (email|chat|form|whatsapp, default form),
 * {@code message_id}*, {@code from}{name, email, phone} (email or phone*), {@code subject}, {@code text}*,
 * {@code in_reply_to}, {@code received_at} (ISO-8601, default now; trusted only within [now − 7 d, now + 5 min],
 * see {@link ClaimedReceipt}), {@code headers} (a relayed mail's
 * headers: name → string or list of strings); extensions {@code references}, {@code session_id},
 * {@code time_zone} (IANA), {@code to} (a relayed copy of the team's mail: its recipients, see
 * {@link TeamReplies}; {@code message_id} may then be left out), {@code cc} and {@code bcc} (that copy's
 * other recipients, counted as {@code to} is: a reply to the team with the customer in Cc is still a reply
 * to the customer). Unknown fields are ignored so clients
 * can send more than we read.
 */
public final class MessageRequest {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{6,32}");
    private static final int MAX_ID = MessageIds.MAX_LENGTH;
    private static final int MAX_SUBJECT = 998;
    private static final int MAX_TEXT = 100_000;

    private MessageRequest() {
    }

    /**
     * A read request: the message, and the client's {@code received_at} when it was not trusted (the message
     * then carries Promptly's receipt time instead, see {@link ClaimedReceipt}).
     */
    public record Parsed(InboundMessage message, Optional<ClaimedReceipt> untrustedReceipt, List<String> to, boolean hasMessageId) {
        public Parsed {
            to = List.copyOf(to);
        }
    }

    /** The most recipients a relayed copy of the team's mail may list in each of {@code to}, {@code cc} and {@code bcc}. */
    private static final int MAX_TO = 50;

    public static InboundMessage parse(byte[] body, ShopDomain headerShop, Instant now) {
        return read(body, headerShop, now).message();
    }

    /** Reads the body; {@code now} is when Promptly received it. */
    public static Parsed read(byte[] body, ShopDomain headerShop, Instant now) {
        JsonNode root;
        try {
            root = JsonTrees.read(utf8(body));
        } catch (JsonProcessingException e) {
            throw JsonProblem.invalid("body", e, "is not valid JSON (" + JsonProblem.position(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        String shopField = optionalText(root, "shop", 255);
        if (shopField != null && !ShopDomain.parse(shopField, "shop").equals(headerShop)) {
            throw new InvalidInputException("shop", "does not match the X-Promptly-Shop header");
        }
        String channelName = optionalText(root, "channel", 20);
        Channel channel = channelName == null ? Channel.FORM : Channel.fromWire(channelName)
                .orElseThrow(() -> new InvalidInputException("channel", "must be one of email, chat, form, whatsapp"));
        List<String> to = recipients(root, "to");
        to.addAll(recipients(root, "cc"));
        to.addAll(recipients(root, "bcc"));
        // A relayed copy of the team's reply may come without an id: it is then known by its text.
        String givenId = to.isEmpty() ? requiredText(root, "message_id", MAX_ID) : optionalText(root, "message_id", MAX_ID);
        String messageId = givenId == null ? "" : givenId.replaceAll("^<|>$", "");
        if (givenId != null && !MessageIds.printable(messageId)) {
            throw new InvalidInputException("message_id", "must be printable text (no control characters or line separators)");
        }
        Sender sender = sender(root.get("from"));
        String subject = optionalText(root, "subject", MAX_SUBJECT);
        if (subject != null) {
            // A subject is one line; a CR/LF inside is an attempt to add headers, not content.
            subject = subject.replaceAll("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]+", " ").strip();
        }
        String text = requiredText(root, "text", MAX_TEXT);
        List<String> references = new ArrayList<>(ids(root.get("references"), "references"));
        String inReplyTo = optionalText(root, "in_reply_to", MAX_ID);
        if (inReplyTo != null) {
            String id = inReplyTo.replaceAll("^<|>$", "");
            if (!MessageIds.printable(id)) {
                throw new InvalidInputException("in_reply_to", "must be a message id of printable text (no control characters or line separators)");
            }
            references.remove(id);
            references.add(id);
        }
        String receivedAt = optionalText(root, "received_at", 40);
        ClaimedReceipt claim = receivedAt == null ? null : new ClaimedReceipt(instant(receivedAt), now);
        Instant received = claim == null ? now : claim.effective();
        String session = optionalText(root, "session_id", 200);
        String zone = optionalText(root, "time_zone", 64);
        ZoneId timeZone = null;
        if (zone != null) {
            try {
                timeZone = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new InvalidInputException("time_zone", "must be an IANA time zone such as Europe/Berlin");
            }
        }
        return new Parsed(new InboundMessage(headerShop, channel, messageId, sender, subject, text, references, session, received,
                headers(root.get("headers")), timeZone, List.of(), false),
                Optional.ofNullable(claim).filter(c -> !c.trusted()), to, givenId != null);
    }

    /** The addresses of the list {@code field} ({@code to}, {@code cc} or {@code bcc}); empty when absent. */
    private static List<String> recipients(JsonNode root, String field) {
        JsonNode node = root.get(field);
        List<String> to = new ArrayList<>();
        if (node == null || node.isNull()) {
            return to;
        }
        if (!node.isArray() || node.size() > MAX_TO) {
            throw new InvalidInputException(field, "must be a list of at most " + MAX_TO + " e-mail addresses");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode address = node.get(i);
            if (!address.isTextual() || address.asText().length() > 254 || !EMAIL.matcher(address.asText().trim()).matches()) {
                throw new InvalidInputException(field + "[" + i + "]", "must be an e-mail address");
            }
            to.add(address.asText().trim().toLowerCase(java.util.Locale.ROOT));
        }
        return to;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not valid UTF-8");
        }
    }

    private static Sender sender(JsonNode from) {
        if (from == null || !from.isObject()) {
            throw new InvalidInputException("from", "is required: an object with email or phone");
        }
        String name = optionalText(from, "name", 200, "from.");
        if (name != null) {
            name = name.replaceAll("[\\p{Cntrl}]+", " ").strip();
        }
        String email = optionalText(from, "email", 254, "from.");
        String phone = optionalText(from, "phone", 32, "from.");
        if (email == null && phone == null) {
            throw new InvalidInputException("from", "needs email or phone");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("from.email", "must be an e-mail address");
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new InvalidInputException("from.phone", "must be a phone number");
        }
        return new Sender(name, email, phone);
    }

    private static Map<String, List<String>> headers(JsonNode node) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("headers", "must be an object of header names to strings or lists of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var header = it.next();
            String name = header.getKey();
            if (!name.matches("[!-9;-~]{1,76}")) {
                throw new InvalidInputException("headers", "\"" + name.replaceAll("[^!-~]", "?") + "\" is not a header name");
            }
            List<String> values = new ArrayList<>();
            JsonNode value = header.getValue();
            if (value.isTextual()) {
                values.add(value.asText());
            } else if (value.isArray()) {
                for (JsonNode v : value) {
                    if (!v.isTextual()) {
                        throw new InvalidInputException("headers." + name, "must be a string or a list of strings");
                    }
                    values.add(v.asText());
                }
            } else {
                throw new InvalidInputException("headers." + name, "must be a string or a list of strings");
            }
            headers.put(name, values);
        }
        return headers;
    }

    private static List<String> ids(JsonNode node, String field) {
        List<String> ids = new ArrayList<>();
        if (node == null || node.isNull()) {
            return ids;
        }
        if (node.isTextual()) {
            for (String id : node.asText().trim().split("[\\s,]+")) {
                if (!id.isBlank()) {
                    ids.add(printableId(id.replaceAll("^<|>$", ""), field));
                }
            }
            return ids;
        }
        if (!node.isArray()) {
            throw new InvalidInputException(field, "must be a string or a list of message ids");
        }
        for (JsonNode id : node) {
            if (!id.isTextual() || id.asText().length() > MAX_ID) {
                throw new InvalidInputException(field, "must list message ids as strings");
            }
            if (id.asText().isBlank()) {
                continue;
            }
            ids.add(printableId(id.asText().trim().replaceAll("^<|>$", ""), field));
        }
        return ids;
    }

    private static String printableId(String id, String field) {
        if (!MessageIds.printable(id)) {
            throw new InvalidInputException(field, "must list message ids of printable text (no control characters or line separators, at most "
                    + MessageIds.MAX_LENGTH + " characters each)");
        }
        return id;
    }

    private static Instant instant(String raw) {
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException("received_at", "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T09:30:00Z");
        }
    }

    private static String requiredText(JsonNode node, String field, int max) {
        String value = optionalText(node, field, max);
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, int max) {
        return optionalText(node, field, max, "");
    }

    private static String optionalText(JsonNode node, String field, int max, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(prefix + field, "must be a string");
        }
        String text = value.asText();
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > max) {
            throw new InvalidInputException(prefix + field, "is longer than " + max + " characters");
        }
        return text.trim();
    }
}
