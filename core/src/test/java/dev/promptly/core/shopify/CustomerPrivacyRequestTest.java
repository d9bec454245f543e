package dev.promptly.core.shopify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.Sender;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which conversations a customers/redact or data request is about, by phone in particular. */
class CustomerPrivacyRequestTest {
    private static final ShopDomain SHOP = new ShopDomain("demo-shop.myshopify.com");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private final CustomerPrivacyRequest anna = new CustomerPrivacyRequest(SHOP, null, "7001", "anna.beispiel@example.com",
            "+49 30 1234567", List.of());

    private static Conversation whatsApp(String orderId, String verifiedPhone) {
        return new Conversation(SHOP, ConversationId.derive(SHOP.value(), "c-" + orderId + verifiedPhone), Channel.WHATSAPP,
                ConversationStatus.OPEN, new Sender("Anna", null, "+49301234567"), "de", null, orderId, "whatsapp:49301234567", AT, AT, 1,
                verifiedPhone);
    }

    @Test
    void aConversationAboutNoOrderFromTheRequestsNumberAsWhatsAppVerifiedItIsTheirs() {
        boolean about = anna.isAbout(whatsApp(null, "+49301234567"), Set.of());

        assertTrue(about);
    }

    @Test
    void theSameNumberTypedOrRelayedWithoutVerificationIsNotEnough() {
        boolean about = anna.isAbout(whatsApp(null, null), Set.of());

        assertFalse(about);
    }

    @Test
    void aVerifiedNumberOfSomeoneElseIsNotTheirs() {
        boolean about = anna.isAbout(whatsApp(null, "+4915112345678"), Set.of());

        assertFalse(about);
    }

    @Test
    void aConversationAboutAnotherCustomersOrderIsDecidedByTheOrderNotByTheNumber() {
        boolean about = anna.isAbout(whatsApp("5009999", "+49301234567"), Set.of("5001001"));

        assertFalse(about);
    }

    @Test
    void aRequestWithoutAPhoneMatchesNoConversationByNumber() {
        var byEmailOnly = new CustomerPrivacyRequest(SHOP, null, "7001", "someone@example.com", null, List.of());

        boolean about = byEmailOnly.isAbout(whatsApp(null, "+49301234567"), Set.of());

        assertFalse(about);
    }
}
