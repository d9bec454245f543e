package dev.promptly.core.csat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CsatTokensTest {
    private static final ShopDomain SHOP = new ShopDomain("acme.myshopify.com");
    private static final ConversationId CONVERSATION = new ConversationId("7K3M9QX2AB");
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final Function<ShopDomain, Optional<String>> SECRETS = shop -> Optional.ofNullable(Map.of(SHOP, "s3cret").get(shop));

    private final CsatToken token = new CsatToken(SHOP, CONVERSATION, 4, NOW.plus(Duration.ofDays(30)));

    @Test
    void aSignedTokenIsUrlSafeAndChecksAsValidUntilItsExpiry() {
        String signed = CsatTokens.sign(token, "s3cret");

        var valid = CsatTokens.check(signed, SECRETS, NOW);
        var lastSecond = CsatTokens.check(signed, SECRETS, token.expiresAt().minusSeconds(1));
        var expired = CsatTokens.check(signed, SECRETS, token.expiresAt());

        assertTrue(signed.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), signed);
        assertEquals(new CsatTokens.Check.Valid(token), valid);
        assertInstanceOf(CsatTokens.Check.Valid.class, lastSecond);
        assertEquals(new CsatTokens.Check.Expired(token), expired);
    }

    @Test
    void aChangedRatingExpiryOrMacOrAnotherSecretMakesTheTokenInvalid() {
        String signed = CsatTokens.sign(token, "s3cret");
        String mac = signed.substring(signed.indexOf('.') + 1);
        String otherRating = payload("v1|acme.myshopify.com|7K3M9QX2AB|5|" + token.expiresAt().getEpochSecond()) + "." + mac;
        String later = payload("v1|acme.myshopify.com|7K3M9QX2AB|4|" + (token.expiresAt().getEpochSecond() + 86_400)) + "." + mac;
        String flippedMac = signed.substring(0, signed.length() - 1) + (signed.endsWith("A") ? "B" : "A");

        for (String bad : new String[] {otherRating, later, flippedMac, CsatTokens.sign(token, "guess")}) {
            assertInstanceOf(CsatTokens.Check.Invalid.class, CsatTokens.check(bad, SECRETS, NOW), bad);
        }
    }

    @Test
    void malformedTokensAndShopsWithoutASecretAreInvalid() {
        String foreignShop = CsatTokens.sign(new CsatToken(new ShopDomain("other.myshopify.com"), CONVERSATION, 4, token.expiresAt()), "s3cret");
        String[] bad = {null, "", ".", "abc", "a.b.c", "!!!.???", payload("v1|acme.myshopify.com|7K3M9QX2AB|6|1") + ".AA",
                payload("v2|acme.myshopify.com|7K3M9QX2AB|4|1") + ".AA", payload("v1|ACME|7K3M9QX2AB|4|1") + ".AA",
                "A".repeat(CsatTokens.MAX_LENGTH + 1), foreignShop};

        for (String raw : bad) {
            assertInstanceOf(CsatTokens.Check.Invalid.class, CsatTokens.check(raw, SECRETS, NOW), String.valueOf(raw));
        }
    }

    private static String payload(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
