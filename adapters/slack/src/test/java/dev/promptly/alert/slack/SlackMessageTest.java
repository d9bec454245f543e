package dev.promptly.alert.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.core.sla.AlertText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCustomerNameCannotMentionTheChannelOrInjectALink() throws Exception {
        var alert = new AlertText("SLA breached: First response for PR-7K3M9QX2AB",
                List.of(new AlertText.Field("Customer", "<!channel> & <https://evil.example|click>", true)), "Policy default.", null);

        var payload = JSON.readTree(SlackMessage.payload(alert));

        JsonNode field = payload.get("blocks").get(1).get("fields").get(0);
        assertEquals("plain_text", field.get("type").asText(), "Slack never parses mentions or links in plain_text");
        assertEquals("Customer\n<!channel> & <https://evil.example|click>", field.get("text").asText());
        assertFalse(SlackMessage.payload(alert).contains("\"actions\""), "no button without a link");
    }

    @Test
    void aCustomerNamesFormattingCharactersAreShownAsWrittenNeverAsMrkdwn() throws Exception {
        String name = "*FREE* _refund_ ~now~ `code` ```block``` > quote <https://evil.example|Support>";
        var alert = new AlertText("SLA warning: First response for PR-7K3M9QX2AB due in 40 min",
                List.of(new AlertText.Field("Ticket", "PR-7K3M9QX2AB"), new AlertText.Field("Customer", name, true)), "Policy default.", null);

        var payload = JSON.readTree(SlackMessage.payload(alert));

        JsonNode fields = payload.get("blocks").get(1).get("fields");
        assertEquals("mrkdwn", fields.get(0).get("type").asText(), "our own values keep their bold labels");
        assertEquals("*Ticket*\nPR-7K3M9QX2AB", fields.get(0).get("text").asText());
        assertEquals("plain_text", fields.get(1).get("type").asText());
        assertEquals("Customer\n" + name, fields.get(1).get("text").asText());
        assertFalse(fields.get(1).get("emoji").asBoolean(), "colon codes stay text too");
        List<String> mrkdwn = new ArrayList<>();
        payload.findParents("type").forEach(node -> {
            if (node.get("type").asText().equals("mrkdwn")) {
                mrkdwn.add(node.get("text").asText());
            }
        });
        assertTrue(mrkdwn.stream().noneMatch(text -> text.contains("FREE") || text.contains("evil")), mrkdwn.toString());
        assertFalse(payload.get("text").asText().contains("FREE"), "the notification text holds no customer text");
    }

    @Test
    void aDigestListsEveryAlertAsALine() throws Exception {
        var payload = JSON.readTree(SlackMessage.digest("SLA digest: 2 alerts while the team was away", List.of("first", "second <b>")));

        assertEquals("• first\n• second &lt;b&gt;\n", payload.get("blocks").get(1).get("text").get("text").asText());
    }
}
