package dev.promptly.helpdesk;

import dev.promptly.app.port.HelpdeskConnector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The four connectors over one shared {@link HttpClient}. */
public final class HelpdeskConnectors {
    private HelpdeskConnectors() {
    }

    public static List<HelpdeskConnector> standard() {
        return standard(HttpClient.Builder::build);
    }

    /** @param httpClients builds the shared client from its settings (the composition root may defer it to first use) */
    public static List<HelpdeskConnector> standard(Function<HttpClient.Builder, HttpClient> httpClients) {
        HttpClient client = httpClients.apply(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)));
        return List.of(new GorgiasConnector(client), new ZendeskConnector(client), new FreshdeskConnector(client),
                new HelpScoutConnector(client));
    }
}
