package dev.promptly.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailComposerTest {
    @Test
    void noControlCharacterOrLineSeparatorInAHeaderValueReachesTheMail() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", "<20261125T090000.000Z-ack-7K3M9QX2AB@demo-shop.example>");
        headers.put("In-Reply-To", "<a\u0000b\u2028Bcc: victim@evil.example@mail.example.com>");
        headers.put("References", "<x\u2029y@mail.example.com> <z\u0085\r\nBcc: victim@evil.example>");
        var message = new OutboxMessage(new ShopDomain("demo-shop.myshopify.com"), "20261125T090000.000Z-ack-7K3M9QX2AB", OutboxKind.ACK, "email",
                "anna.beispiel@example.com", "Demo Shop <support@demo-shop.example>", null, "Ihre Anfrage", "Hallo", null, headers, null, null,
                Instant.parse("2026-11-25T09:00:00Z"), OutboxStatus.PENDING, null, 0, null, null, null);

        String mime = new String(new MailComposer().compose(message).mime(), StandardCharsets.UTF_8);

        for (String forbidden : new String[] {"\u0000", "\u2028", "\u2029", "\u0085"}) {
            assertFalse(mime.contains(forbidden), "U+" + Integer.toHexString(forbidden.charAt(0)) + " in " + mime);
        }
        assertFalse(mime.lines().anyMatch(line -> line.startsWith("Bcc:")), mime);
        assertTrue(mime.contains("In-Reply-To: <a b Bcc: victim@evil.example@mail.example.com>"), mime);
    }

    @Test
    void aTeamCopyWhoseStoredMailCannotBeReadStillGoesOutSayingWhereTheFilesAre() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", "<20261125T090000.000Z-team_copy-7K3M9QX2AB-1@demo-shop.example>");
        headers.put("X-Promptly-Raw-Mail", "o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1");
        var copy = new OutboxMessage(new ShopDomain("demo-shop.myshopify.com"), "20261125T090000.000Z-team_copy-7K3M9QX2AB-1",
                OutboxKind.TEAM_COPY, "email", "team@demo-shop.example", "Anna via Demo Shop <support@demo-shop.example>",
                "anna.beispiel@example.com", "[PR-7K3M9QX2AB] Rechnung", "Anbei der Beleg.", null, headers, null, null,
                Instant.parse("2026-11-25T09:00:00Z"), OutboxStatus.PENDING, null, 0, null, null, null);

        String mime = new String(new MailComposer(id -> {
            throw new IllegalStateException("S3 unreachable");
        }).compose(copy).mime(), StandardCharsets.UTF_8);

        assertTrue(mime.contains("Anbei der Beleg."), mime);
        assertTrue(mime.contains("stored under SES message id o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1"), mime);
        assertTrue(mime.contains("Content-Type: multipart/mixed"), mime);
    }
}
