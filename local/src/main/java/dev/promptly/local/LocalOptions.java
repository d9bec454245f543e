package dev.promptly.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The local runner's command line: {@code [--port P] [--config FILE] [--data-dir DIR] [--smtp HOST:PORT] [--demo]
 * [--clock INSTANT] [--shopify-admin-url URL] [--whatsapp-api-url URL]}. {@code clockStart} is null for the real time;
 * {@code shopifyAdminUrl} null keeps Admin API lookups off; {@code whatsAppApiUrl} null keeps WhatsApp messages in the
 * outbox as captured.
 */
public record LocalOptions(int port, Path config, Path dataDir, String smtpHost, int smtpPort, boolean demo, Instant clockStart,
                           URI shopifyAdminUrl, URI whatsAppApiUrl) {
    /** The runner on the real time. */
    public LocalOptions(int port, Path config, Path dataDir, String smtpHost, int smtpPort, boolean demo) {
        this(port, config, dataDir, smtpHost, smtpPort, demo, null, null, null);
    }

    /** The runner without Admin API lookups and WhatsApp stand-in. */
    public LocalOptions(int port, Path config, Path dataDir, String smtpHost, int smtpPort, boolean demo, Instant clockStart) {
        this(port, config, dataDir, smtpHost, smtpPort, demo, clockStart, null, null);
    }

    /** The same options with the local clock starting at {@code start}. */
    public LocalOptions startingAt(Instant start) {
        return new LocalOptions(port, config, dataDir, smtpHost, smtpPort, demo, start, shopifyAdminUrl, whatsAppApiUrl);
    }

    /** The same options with Admin API calls going to the stand-in at {@code url}. */
    public LocalOptions withShopifyAdminUrl(URI url) {
        return new LocalOptions(port, config, dataDir, smtpHost, smtpPort, demo, clockStart, url, whatsAppApiUrl);
    }

    public static final int DEFAULT_PORT = 3000;
    public static final String USAGE = """
            usage: java -jar local/target/promptly-local.jar [--port P] [--config FILE] [--data-dir DIR] [--smtp HOST:PORT] [--demo]
                                                     [--clock INSTANT] [--shopify-admin-url URL] [--whatsapp-api-url URL]
              --port P          HTTP port on 127.0.0.1 (default 3000)
              --config FILE     JSON configuration (default: the shipped example, config/promptly.example.json)
              --data-dir DIR    keep DynamoDB Local's data in DIR across restarts (default: in memory)
              --smtp HOST:PORT  also send outgoing mail to this SMTP server (default: only kept in /local/outbox)
              --demo            play a short scenario through the HTTP routes after start and print what happened
              --clock INSTANT   start the local clock at this ISO-8601 instant, e.g. 2026-11-23T09:00:00Z; it runs on
                                from there and POST /local/reset returns to it (default: the real time)
              --shopify-admin-url URL  send the shops' Admin API calls (live order lookups, backfill) to a stand-in at
                                URL, e.g. http://127.0.0.1:8081, with each shop's shopify_admin.access_token
                                (default: lookups off locally)
              --whatsapp-api-url URL  send WhatsApp messages to this Graph API stand-in, e.g. http://127.0.0.1:8089
                                (default: only kept in /local/outbox with "channel": "whatsapp")
            """;

    /** @throws IllegalArgumentException naming the option that is wrong */
    public static LocalOptions parse(List<String> args) {
        int port = DEFAULT_PORT;
        Path config = null;
        Path dataDir = null;
        String smtpHost = null;
        int smtpPort = 0;
        boolean demo = false;
        Instant clockStart = null;
        URI shopifyAdminUrl = null;
        URI whatsAppApiUrl = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--port" -> {
                    String value = valueOf(args, ++i, option);
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port: must be a number from 0 to 65535, got '" + value + "'");
                    }
                }
                case "--config" -> config = Path.of(valueOf(args, ++i, option));
                case "--data-dir" -> dataDir = Path.of(valueOf(args, ++i, option));
                case "--demo" -> demo = true;
                case "--clock" -> {
                    String value = valueOf(args, ++i, option);
                    try {
                        clockStart = Instant.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--clock: must be an ISO-8601 instant such as 2026-11-23T09:00:00Z, got '"
                                + value + "'");
                    }
                }
                case "--smtp" -> {
                    String value = valueOf(args, ++i, option);
                    int colon = value.lastIndexOf(':');
                    try {
                        smtpPort = colon > 0 ? Integer.parseInt(value.substring(colon + 1)) : -1;
                    } catch (NumberFormatException e) {
                        smtpPort = -1;
                    }
                    if (smtpPort < 1 || smtpPort > 65535) {
                        throw new IllegalArgumentException("--smtp: must look like localhost:2525, got '" + value + "'");
                    }
                    smtpHost = value.substring(0, colon);
                }
                case "--shopify-admin-url" -> shopifyAdminUrl = httpUrl(valueOf(args, ++i, option), option, true, "http://127.0.0.1:8081");
                case "--whatsapp-api-url" -> whatsAppApiUrl = httpUrl(valueOf(args, ++i, option), option, false, "http://127.0.0.1:8089");
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new LocalOptions(port, config, dataDir, smtpHost, smtpPort, demo, clockStart, shopifyAdminUrl, whatsAppApiUrl);
    }

    /** An http(s) URL with a host; with {@code originOnly}, nothing after the port but a lone "/". */
    private static URI httpUrl(String value, String option, boolean originOnly, String example) {
        try {
            URI url = new URI(value);
            boolean origin = (url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")) && url.getQuery() == null;
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null && (origin || !originOnly)) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": must be an http(s) " + (originOnly ? "origin" : "URL") + " such as " + example
                + ", got '" + value + "'");
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + ": needs a value");
        }
        return args.get(index);
    }
}
