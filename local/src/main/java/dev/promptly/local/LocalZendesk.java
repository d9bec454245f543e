package dev.promptly.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.config.HelpdeskSettings;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local runner standing in for Zendesk's Update Ticket endpoint ({@code PUT /api/v2/tickets/{id}.json}),
 * so the example configuration's helpdesk notes travel through the real Zendesk connector over HTTP and can
 * be read at {@code GET /local/helpdesk/notes}. Keeps the last {@link #KEPT} updates in memory. Thread-safe.
 */
final class LocalZendesk {
    private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/([0-9]{1,20})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int KEPT = 200;

    private final ArrayNode updates = JSON.createArrayNode();
    private int audits;

    /** The example configuration's helpdesk address: the local runner on its default port. */
    static final URI EXAMPLE_BASE = URI.create("http://127.0.0.1:" + LocalOptions.DEFAULT_PORT);

    /**
     * The configuration with each helpdesk at {@link #EXAMPLE_BASE} pointed at the port the runner really
     * listens on ({@code --port}, or a free port in tests), so the example's notes reach this stand-in.
     */
    static PromptlyConfig pointedAt(PromptlyConfig config, int port) {
        URI actual = URI.create("http://127.0.0.1:" + port);
        Map<ShopDomain, ShopConfig> shops = new LinkedHashMap<>();
        config.shops().forEach((domain, shop) -> shops.put(domain, shop.helpdeskSettings().filter(h -> h.baseUrl().equals(EXAMPLE_BASE))
                .map(h -> shop.withHelpdesk(new HelpdeskSettings(h.vendor(), actual, h.user(), h.apiToken(), h.webhookSecret(),
                        h.acknowledgeVia())))
                .orElse(shop)));
        return new PromptlyConfig(shops);
    }

    static boolean handles(String path) {
        return TICKET.matcher(path).matches();
    }

    /** Records one ticket update as Zendesk would receive it; answers with an audit id as Zendesk does. */
    synchronized JsonNode update(String path, String authorization, byte[] body) throws IOException {
        Matcher ticket = TICKET.matcher(path);
        ticket.matches();
        ObjectNode update = updates.addObject();
        update.put("ticket_id", ticket.group(1));
        // Only whether credentials came, never the credentials themselves.
        update.put("authenticated", authorization != null && authorization.startsWith("Basic "));
        update.set("ticket", JSON.readTree(body).path("ticket"));
        while (updates.size() > KEPT) {
            updates.remove(0);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("ticket").put("id", Long.parseLong(ticket.group(1)));
        answer.putObject("audit").put("id", ++audits);
        return answer;
    }

    synchronized JsonNode notes() {
        return updates.deepCopy();
    }
}
