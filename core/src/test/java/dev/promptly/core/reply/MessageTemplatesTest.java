package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    @Test
    void aKindWithoutHtmlFilesRendersPlainTextOnly() {
        var templates = new MessageTemplates("budget_alert", List.of("de", "en"));

        RenderedMessage alert = templates.render("en", Map.of("scope", "shop", "limit", 300, "ticket", "PR-7K3M9QX2AB",
                "sender", false, "shop", true, "new_senders", false));

        assertEquals(Set.of("en"), templates.languages(), "team alerts are English only");
        assertEquals("[Promptly] Automatic replies paused (shop budget reached)", alert.subject());
        assertEquals("Promptly has paused automatic acknowledgements for your shop, which reached 300 automatic replies this hour.\n\n"
                + "The latest message is ticket PR-7K3M9QX2AB. Messages are still recorded; they wait for a person. "
                + "Replies resume with the next period.\n", alert.text());
        assertNull(alert.html());
    }

    @Test
    void escapingIsWhatTheRegexDefinitionsDo() {
        String alphabet = "ab \t\n\r\u0000\u0007\u001f\u007f\u0085\u2028\u2029\u00a0é\uD83D\uDCE6";
        Random random = new Random(15);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int j = random.nextInt(20); j > 0; j--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = value.toString();

            assertEquals(raw.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", ""), MessageTemplates.withoutControls(raw), raw);
            assertEquals(raw.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").trim(), MessageTemplates.oneLine(raw), raw);
        }
    }
}
