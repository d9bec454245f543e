package dev.promptly.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopDomainTest {
    @Test
    void domainsAreEqualAndFoundAsKeysExactlyWhenTheirNamesAre() {
        // given a map keyed by one shop's domain
        Map<ShopDomain, String> shops = Map.of(new ShopDomain("acme.myshopify.com"), "Acme");

        // when it is asked with an equal domain parsed from outside, and with another shop's
        String found = shops.get(ShopDomain.parse(" ACME.myshopify.com ", "shop"));
        String other = shops.get(new ShopDomain("other.myshopify.com"));

        // then the equal domain finds it and the other does not
        assertEquals("Acme", found);
        assertEquals(null, other);
        assertEquals(new ShopDomain("acme.myshopify.com").hashCode(), ShopDomain.parse("Acme.myshopify.com", "shop").hashCode());
        assertNotEquals(new ShopDomain("acme.myshopify.com"), new ShopDomain("acme2.myshopify.com"));
        assertNotEquals(new ShopDomain("acme.myshopify.com"), "acme.myshopify.com");
    }
}
