package dev.promptly.core.shopify;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.PhoneNumbers;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code customers/redact} or {@code customers/data_request} payload: whose data, identified by
 * Shopify's customer id, e-mail and phone (any may be null), and the orders Shopify names explicitly.
 * {@code requestId} is the data request's id, null for a redaction. Whose data is whose is decided by
 * {@link #isAbout(Order)} and {@link #isAbout(Conversation, Set)}: by Shopify's customer id where both
 * sides carry one, by e-mail address otherwise, never by a typed phone number alone; a conversation about
 * no order also by the number WhatsApp verified for it.
 */
public record CustomerPrivacyRequest(
        ShopDomain shop, String requestId, String customerId, String email, String phone, List<String> orderIds) {
    public CustomerPrivacyRequest {
        Objects.requireNonNull(shop, "shop");
        orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
    }

    /**
     * Whether {@code order} (found by this customer's e-mail or phone) is this customer's: when the order
     * and the request both carry Shopify's customer id, the ids decide; otherwise (a guest order, a
     * request without id) only the same e-mail address does. A phone number never does on its own: an
     * order's phone may be a shipping or billing phone shared by a household or given for a gift.
     */
    public boolean isAbout(Order order) {
        CustomerContact contact = order.customer();
        if (customerId != null && contact.customerId() != null) {
            return customerId.equals(contact.customerId());
        }
        return email != null && contact.email() != null && email.equalsIgnoreCase(contact.email().trim());
    }

    /**
     * Whether {@code conversation} is this customer's: it is about one of their orders
     * ({@code customerOrderIds}, as decided by {@link #isAbout(Order)} or named by Shopify), it was
     * written from their e-mail address, or it is about no order and was written from the request's phone
     * number as the channel verified it ({@link Conversation#verifiedPhone()}, the number WhatsApp
     * delivers; compared by its digits, i.e. as E.164 without "+"). A phone number typed into a chat or
     * form, or relayed with a message, proves nothing, so it never pulls in a conversation on its own.
     */
    public boolean isAbout(Conversation conversation, Set<String> customerOrderIds) {
        if (conversation.orderId() != null && customerOrderIds.contains(conversation.orderId())) {
            return true;
        }
        if (conversation.orderId() == null && PhoneNumbers.same(phone, conversation.verifiedPhone())) {
            return true;
        }
        return email != null && email.equalsIgnoreCase(conversation.customer().email());
    }
}
