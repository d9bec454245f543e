package dev.promptly.aws.dynamodb;

import dev.promptly.core.ShopDomain;
import java.util.Locale;

/** Index key values that find a shop's orders by the customer's e-mail, phone or order name. */
final class ContactKeys {
    private ContactKeys() {
    }

    static String email(ShopDomain shop, String email) {
        return email == null ? null : shop.value() + "#" + email.trim().toLowerCase(Locale.ROOT);
    }

    /** Digits only, with a leading {@code +} kept: "+49 (30) 1234-5" and "+49301234 5" are one phone. */
    static String phone(ShopDomain shop, String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return null;
        }
        return shop.value() + "#" + (phone.trim().startsWith("+") ? "+" : "") + digits;
    }

    static String orderName(ShopDomain shop, String name) {
        return name == null ? null : shop.value() + "#" + name.trim().toLowerCase(Locale.ROOT);
    }
}
