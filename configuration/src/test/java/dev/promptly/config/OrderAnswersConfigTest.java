package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.reply.OrderRequestAnswer;
import dev.promptly.core.reply.OrderRequestAnswer.ReturnPolicy;
import dev.promptly.core.wismo.Intent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A shop's {@code order_answers} block: defaults without it, values read, each problem named with its path. */
class OrderAnswersConfigTest {
    private static final ShopDomain SHOP = new ShopDomain("demo-shop.myshopify.com");
    /** The block as the shipped example writes it. */
    private static final String EXAMPLE_BLOCK = "\"order_answers\": {\n"
            + "        \"return_window_days\": 30,\n"
            + "        \"return_link\": { \"de\": \"https://demo-shop.example/pages/ruecksendung\", \"en\": \"https://demo-shop.example/pages/returns\" }\n"
            + "      }";

    private static String withBlock(String block) throws Exception {
        String example = Files.readString(Path.of("..", "config", "promptly.example.json"));
        assertTrue(example.contains(EXAMPLE_BLOCK), "the example's order_answers block is as this test expects");
        return example.replace(EXAMPLE_BLOCK, block);
    }

    private static OrderAnswerSettings settings(String block) throws Exception {
        return ConfigParser.parse(withBlock(block), "example", true).shop(SHOP).orElseThrow().orderAnswers();
    }

    @Test
    void theExampleStatesAThirtyDayWindowAndAReturnPagePerLanguage() throws Exception {
        OrderAnswerSettings answers = ConfigParser.parse(Files.readString(Path.of("..", "config", "promptly.example.json")), "example", true)
                .shop(SHOP).orElseThrow().orderAnswers();

        assertEquals(new ReturnPolicy(OptionalInt.of(30), "https://demo-shop.example/pages/ruecksendung"), answers.returnPolicy("de"));
        assertEquals(OrderRequestAnswer.ANSWERED, answers.intents());
    }

    @Test
    void aShopWithoutTheBlockAnswersEveryIntentWithoutStatingAWindow() throws Exception {
        OrderAnswerSettings answers = settings("\"_comment\": \"no order answers\"");

        assertEquals(OrderAnswerSettings.DEFAULT, answers);
        assertEquals(ReturnPolicy.NONE, answers.returnPolicy("en"));
    }

    @Test
    void intentsLinksNotesAndUrgencyAreRead() throws Exception {
        OrderAnswerSettings answers = settings("""
                "order_answers": {"intents": ["refund", "invoice"], "return_link": "https://demo-shop.example/returns",
                  "notes": {"refund": {"de": "Erstattungen dauern 5 Tage.", "*": "Refunds take 5 days."}}, "urgent_changes": false}""");

        assertEquals(Set.of(Intent.REFUND, Intent.INVOICE), answers.intents());
        assertEquals(new ReturnPolicy(OptionalInt.empty(), "https://demo-shop.example/returns"), answers.returnPolicy("en"));
        assertEquals(Optional.of("Erstattungen dauern 5 Tage."), answers.note(Intent.REFUND, "de"));
        assertEquals(Optional.of("Refunds take 5 days."), answers.note(Intent.REFUND, "en"));
        assertEquals(Optional.empty(), answers.note(Intent.RETURN, "en"));
        assertEquals(false, answers.urgentChanges());
    }

    @Test
    void badOrderAnswersAreNamedWithTheirPaths() throws Exception {
        String json = withBlock("""
                "order_answers": {"intents": ["refund", "wismo"], "return_window_days": 0, "return_link": {"fr": "https://x.example", "de": "ftp://x"},
                  "notes": {"complaint": "Sorry", "refund": {"en": ""}}, "urgent_changes": "yes", "window": 3}""");

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(json, "broken.json", true));

        String prefix = "shops[\"demo-shop.myshopify.com\"].order_answers.";
        assertEquals(List.of(
                prefix + "window: unknown setting (known: intents, notes, return_link, return_window_days, urgent_changes)",
                prefix + "intents[1]: not one of the answered intents (return, refund, cancellation, address_change, invoice)",
                prefix + "return_window_days: must be a whole number of days from 1 to 365",
                prefix + "return_link.fr: not one of the shop's languages [de, en]",
                prefix + "return_link.de: must be an http(s) URL",
                prefix + "notes.complaint: not one of the answered intents (return, refund, cancellation, address_change, invoice)",
                prefix + "notes.refund.en: must be a text of 1 to 500 characters",
                prefix + "urgent_changes: must be true (the default) or false"), e.problems());
    }
}
