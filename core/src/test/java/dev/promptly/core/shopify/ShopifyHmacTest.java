package dev.promptly.core.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Published vectors from Shopify's own libraries, reproduced byte for byte. */
class ShopifyHmacTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Shopify/shopify-api-php, tests/Webhooks/RegistryTest.php ($processBody json_encoded, secret 'steffi' from tests/BaseTestCase.php). */
    @Test
    void reproducesShopifyApiPhpVector() {
        assertEquals("/Redz4YXHLnSmmSN8grr5/Jl/Ua3d7yX3iWbjb8R8wo=", ShopifyHmac.sign("steffi", bytes("{\"foo\":\"bar\"}")));
    }

    /** Shopify/shopify_app, test/shopify_app/controller_concerns/webhook_verification_test.rb ("authorized requests should be successful"). */
    @Test
    void reproducesShopifyAppVectorForTheCurrentSecret() {
        assertTrue(ShopifyHmac.matches("yCGX/RrK4fcuNtr3ztk5tQGsOBjcAzHpGLdMUrbV8yI=", bytes("foo=anything"), List.of("secret")));
    }

    /** Same file: "authorized request validated with old secret should be successful" — rotation. */
    @Test
    void acceptsShopifyAppVectorForTheOldSecretDuringRotation() {
        String oldSigned = "XqRcjrSv57VACn6apEO9znyu/wkN1VC7QxdSPwK3Hzs=";

        assertTrue(ShopifyHmac.matches(oldSigned, bytes("foo=anything"), List.of("secret", "old_secret")));
        assertFalse(ShopifyHmac.matches(oldSigned, bytes("foo=anything"), List.of("secret")));
    }

    /** Shopify/shopify-api-js, packages/shopify-api/lib/webhooks/__tests__/validate.test.ts (secret 'test_secret_key'). */
    @Test
    void reproducesShopifyApiJsVector() {
        assertEquals("B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=", ShopifyHmac.sign("test_secret_key", bytes("{\"foo\": \"bar\"}")));
    }

    @Test
    void rejectsAChangedBodyAMissingHeaderAndNonBase64() {
        String signed = ShopifyHmac.sign("s", bytes("{\"a\":1}"));

        assertFalse(ShopifyHmac.matches(signed, bytes("{\"a\":2}"), List.of("s")));
        assertFalse(ShopifyHmac.matches(null, bytes("{\"a\":1}"), List.of("s")));
        assertFalse(ShopifyHmac.matches("%%%not base64%%%", bytes("{\"a\":1}"), List.of("s")));
        assertTrue(ShopifyHmac.matches(signed, bytes("{\"a\":1}"), List.of("s")));
    }
}
