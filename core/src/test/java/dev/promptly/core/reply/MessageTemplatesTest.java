package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
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
}
