package dev.promptly.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.reply.OrderRequestAnswer;
import dev.promptly.core.wismo.Intent;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a shop's {@code order_answers} block into {@link OrderAnswerSettings}, reporting each problem with its path. */
final class OrderAnswersReader {
    static final String KEY = "order_answers";
    private static final Set<String> KEYS = Set.of("_comment", "intents", "return_window_days", "return_link", "notes", "urgent_changes");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
    /** Return windows beyond a year are not a policy but a typo. */
    static final int MAX_WINDOW_DAYS = 365;
    /** A note is a sentence or two in a customer reply, not a document. */
    static final int MAX_NOTE_LENGTH = 500;

    private final ConfigParser parser;
    private final List<String> problems;

    OrderAnswersReader(ConfigParser parser, List<String> problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The settings; the default without a block; null after a problem (reported). */
    OrderAnswerSettings read(JsonNode node, String path, List<String> languages) {
        if (node.isMissingNode()) {
            return OrderAnswerSettings.DEFAULT;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object (" + String.join(", ", KEYS.stream().filter(k -> !k.startsWith("_")).sorted().toList()) + ")");
            return null;
        }
        parser.unknownKeys(node, path, KEYS);
        int before = problems.size();
        Set<Intent> intents = intents(node.path("intents"), path + ".intents");
        OptionalInt window = OptionalInt.empty();
        JsonNode days = node.path("return_window_days");
        if (!days.isMissingNode()) {
            if (!days.isInt() || days.asInt() < 1 || days.asInt() > MAX_WINDOW_DAYS) {
                problems.add(path + ".return_window_days: must be a whole number of days from 1 to " + MAX_WINDOW_DAYS);
            } else {
                window = OptionalInt.of(days.asInt());
            }
        }
        Map<String, String> links = byLanguage(node.path("return_link"), path + ".return_link", languages, true);
        Map<String, Map<String, String>> notes = new LinkedHashMap<>();
        JsonNode notesNode = node.path("notes");
        if (!notesNode.isMissingNode()) {
            if (!notesNode.isObject()) {
                problems.add(path + ".notes: must map an intent (" + wires() + ") to a text or to texts by language");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = notesNode.fields(); it.hasNext(); ) {
                    var entry = it.next();
                    String notePath = path + ".notes." + entry.getKey();
                    if (Intent.fromWire(entry.getKey()).filter(OrderRequestAnswer.ANSWERED::contains).isEmpty()) {
                        problems.add(notePath + ": not one of the answered intents (" + wires() + ")");
                        continue;
                    }
                    notes.put(entry.getKey(), byLanguage(entry.getValue(), notePath, languages, false));
                }
            }
        }
        boolean urgent = true;
        JsonNode urgentNode = node.path("urgent_changes");
        if (!urgentNode.isMissingNode()) {
            if (!urgentNode.isBoolean()) {
                problems.add(path + ".urgent_changes: must be true (the default) or false");
            } else {
                urgent = urgentNode.asBoolean();
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new OrderAnswerSettings(intents, window, links, notes, urgent);
    }

    private Set<Intent> intents(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return OrderRequestAnswer.ANSWERED;
        }
        if (!node.isArray()) {
            problems.add(path + ": must be a list of intents (" + wires() + "); [] answers none");
            return Set.of();
        }
        Set<Intent> intents = EnumSet.noneOf(Intent.class);
        for (int i = 0; i < node.size(); i++) {
            String wire = node.get(i).asText("");
            var intent = Intent.fromWire(wire).filter(OrderRequestAnswer.ANSWERED::contains);
            if (intent.isEmpty()) {
                problems.add(path + "[" + i + "]: not one of the answered intents (" + wires() + ")");
            } else {
                intents.add(intent.get());
            }
        }
        return intents;
    }

    /** A text for every language, or texts by language code ({@code "*"} for the others); URLs when {@code urls}. */
    private Map<String, String> byLanguage(JsonNode node, String path, List<String> languages, boolean urls) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return values;
        }
        if (node.isTextual()) {
            value(path, node.asText(), "*", urls, values);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                if (!entry.getKey().equals("*") && !languages.contains(entry.getKey())) {
                    problems.add(path + "." + entry.getKey() + ": not one of the shop's languages " + languages);
                } else {
                    value(path + "." + entry.getKey(), entry.getValue().asText(""), entry.getKey(), urls, values);
                }
            });
        } else {
            problems.add(path + ": must be " + (urls ? "a URL or an object of URLs" : "a text or an object of texts") + " by language");
        }
        return values;
    }

    private void value(String path, String value, String language, boolean urls, Map<String, String> into) {
        String trimmed = value.strip();
        if (urls && !URL.matcher(trimmed).matches()) {
            problems.add(path + ": must be an http(s) URL");
        } else if (!urls && (trimmed.isEmpty() || trimmed.length() > MAX_NOTE_LENGTH)) {
            problems.add(path + ": must be a text of 1 to " + MAX_NOTE_LENGTH + " characters");
        } else {
            into.put(language, trimmed);
        }
    }

    private static String wires() {
        return String.join(", ", OrderRequestAnswer.ANSWERED.stream().map(Intent::wire).toList());
    }
}
