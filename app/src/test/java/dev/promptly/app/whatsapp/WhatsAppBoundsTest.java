package dev.promptly.app.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptly.core.ShopDomain;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What WhatsApp bounds cuts keeps every character whole: an emoji straddling the limit is left out, never halved. */
class WhatsAppBoundsTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void aTemplateParameterCutAtAnEmojiLeavesTheEmojiOut() {
        // given a parameter whose limit falls between an emoji's two halves
        String value = "x".repeat(WhatsAppMessages.MAX_PARAMETER - 1) + EMOJI + " more";

        // when it is bounded
        String parameter = WhatsAppMessages.parameter(value);

        // then it ends before the emoji
        assertEquals("x".repeat(WhatsAppMessages.MAX_PARAMETER - 1), parameter);
    }

    @Test
    void anAnswerCutAtAnEmojiLeavesTheEmojiOutBeforeTheEllipsis() {
        // given an answer whose cut, one character before the limit to leave room for "…", falls inside an emoji
        String text = "x".repeat(WhatsAppMessages.MAX_TEXT - 2) + EMOJI + " more";

        // when it is shaped for WhatsApp
        String answer = WhatsAppMessages.text(text);

        // then it ends before the emoji, with the ellipsis
        assertEquals("x".repeat(WhatsAppMessages.MAX_TEXT - 2) + "…", answer);
    }

    @Test
    void aProfileNameCutAtAnEmojiLeavesTheEmojiOut() {
        // given a notification whose sender's profile name has an emoji across the 200th character
        String name = "A".repeat(199) + EMOJI + "B";
        String body = """
                {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
                  "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550001111", "phone_number_id": "106540352242922"},
                  "contacts": [{"profile": {"name": "%s"}, "wa_id": "491701234567"}],
                  "messages": [{"from": "491701234567", "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                    "timestamp": "1767225600", "type": "text", "text": {"body": "Hallo"}}]}}]}]}
                """.formatted(name);

        // when it is read
        var parsed = WhatsAppNotification.read(body.getBytes(StandardCharsets.UTF_8), new ShopDomain("demo-shop.myshopify.com"),
                "106540352242922", Instant.parse("2026-01-01T00:00:10Z"));

        // then the sender's name stops before the emoji
        assertEquals("A".repeat(199), parsed.messages().get(0).sender().name());
    }
}
