package dev.promptly.helpdesk;

import dev.promptly.app.port.HelpdeskConnector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/** The four connectors over one shared {@link HttpClient}. */
public final class HelpdeskConnectors {
    private HelpdeskConnectors() {
    }

    public static List<HelpdeskConnector> standard() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return List.of(new GorgiasConnector(client), new ZendeskConnector(client), new FreshdeskConnector(client),
                new HelpScoutConnector(client));
    }
}
