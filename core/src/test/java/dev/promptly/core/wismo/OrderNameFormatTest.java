package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a shop names its orders. */
class OrderNameFormatTest {
    @Test
    void shopifysDefaultNamesOrdersWithAHash() {
        assertEquals("#1001", OrderNameFormat.SHOPIFY_DEFAULT.nameOf("1001"));
    }

    @Test
    void aShopsPrefixAndSuffixSurroundTheNumber() {
        assertEquals("DS-1001-X", new OrderNameFormat("DS-", "-X").nameOf("1001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10a1", "#1001"})
    void onlyDigitsAreAnOrderNumber(String number) {
        assertThrows(IllegalArgumentException.class, () -> OrderNameFormat.SHOPIFY_DEFAULT.nameOf(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"D S-", "DS\n", "ABCDEFGHIJKLMNOPQRSTU"})
    void prefixesWithSpacesOrBeyondShopifysLimitAreRefused(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> new OrderNameFormat(prefix, ""));
    }
}
