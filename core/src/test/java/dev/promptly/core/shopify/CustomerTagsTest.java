package dev.promptly.core.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.core.ShopDomain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Customer tags (for SLA policies such as VIP) from Shopify's order payload, kept through storage, gone after redaction. */
class CustomerTagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ShopDomain SHOP = new ShopDomain("demo-shop.myshopify.com");

    private static Order orderWithTags(String tags) throws Exception {
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Files.readString(Path.of("..", "events", "shopify-bodies", "orders-create.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("customer")).put("tags", tags);
        return ShopifyPayloads.order(SHOP, body);
    }

    @Test
    void shopifysCommaSeparatedCustomerTagsAreReadTrimmed() throws Exception {
        assertEquals(List.of("VIP", "wholesale"), orderWithTags(" VIP, wholesale ,,").customer().tags());
    }

    @Test
    void storedOrdersKeepTheTagsAndRedactionRemovesThem() throws Exception {
        Order order = orderWithTags("VIP");

        Order stored = OrderDocument.fromJson(OrderDocument.toJson(order));

        assertEquals(List.of("VIP"), stored.customer().tags());
        assertEquals(List.of(), stored.customer().redacted().tags());
    }
}
