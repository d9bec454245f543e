package dev.promptly.alert.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.core.sla.AlertText;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCustomerNameCannotMentionTheChannelOrInjectALink() throws Exception {
        var alert = new AlertText("SLA breached: First response for PR-7K3M9QX2AB",
                List.of(new AlertText.Field("Customer", "<!channel> & <https://evil.example|click>")), "Policy default.", null);

        var payload = JSON.readTree(SlackMessage.payload(alert));

        String field = payload.get("blocks").get(1).get("fields").get(0).get("text").asText();
        assertEquals("*Customer*\n&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;", field);
        assertFalse(SlackMessage.payload(alert).contains("\"actions\""), "no button without a link");
    }

    @Test
    void aDigestListsEveryAlertAsALine() throws Exception {
        var payload = JSON.readTree(SlackMessage.digest("SLA digest: 2 alerts while the team was away", List.of("first", "second <b>")));

        assertEquals("• first\n• second &lt;b&gt;\n", payload.get("blocks").get(1).get("text").get("text").asText());
    }
}
