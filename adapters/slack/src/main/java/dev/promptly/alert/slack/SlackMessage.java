package dev.promptly.alert.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.sla.AlertText;

/**
 * An SLA alert as a Slack incoming-webhook payload: {@code text} (the notification and fallback) and Block
 * Kit blocks — a header, the fields two by two, the reason, and a button to the conversation when there is
 * a link. Our own values are mrkdwn, escaped as Slack documents ({@code &}, {@code <}, {@code >} as
 * entities, https://docs.slack.dev/messaging/formatting-message-text#escaping). Slack documents no escape
 * for the formatting characters ({@code *}, {@code _}, {@code ~}, backticks), so what a customer wrote
 * goes into a {@code plain_text} text object, which Slack never formats, links or turns into mentions
 * (https://docs.slack.dev/reference/block-kit/composition-objects/text-object).
 */
public final class SlackMessage {
    /** Slack's limits: a header's text 150 characters, a section field 2,000. */
    private static final int HEADER_LIMIT = 150;

    private SlackMessage() {
    }

    public static String payload(AlertText alert) {
        ObjectNode root = JsonTrees.object();
        root.put("text", alert.title());
        ArrayNode blocks = root.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text")
                .put("text", alert.title().length() > HEADER_LIMIT ? alert.title().substring(0, HEADER_LIMIT - 1) + "…" : alert.title());
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        for (AlertText.Field field : alert.fields()) {
            if (field.customerWritten()) {
                fields.addObject().put("type", "plain_text").put("text", field.label() + "\n" + field.value()).put("emoji", false);
                continue;
            }
            String value = escape(field.value());
            if (field.label().equals("Ticket") && alert.link() != null) {
                value = "<" + alert.link() + "|" + value + ">";
            }
            fields.addObject().put("type", "mrkdwn").put("text", "*" + escape(field.label()) + "*\n" + value);
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn").put("text", escape(alert.reason()));
        if (alert.link() != null) {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject().put("type", "button");
            button.putObject("text").put("type", "plain_text").put("text", "Open conversation");
            button.put("url", alert.link());
        }
        try {
            return JsonTrees.writeString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always serialisable", e);
        }
    }

    /** A digest of alerts held outside the team's hours: a header and one line per alert. */
    public static String digest(String title, java.util.List<String> lines) {
        ObjectNode root = JsonTrees.object();
        root.put("text", title);
        ArrayNode blocks = root.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", title);
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append("• ").append(escape(line)).append('\n'));
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text.toString());
        try {
            return JsonTrees.writeString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always serialisable", e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
