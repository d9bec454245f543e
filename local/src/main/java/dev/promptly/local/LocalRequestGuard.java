package dev.promptly.local;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Optional;

/**
 * Keeps web pages away from the local-only routes. A page the developer has open elsewhere can send a
 * POST to {@code 127.0.0.1} (a "simple" cross-origin request needs no preflight) and, through DNS
 * rebinding, even read answers under a host name of its own. So a local route answers only requests
 * whose {@code Host} names this runner, and a state-changing one only when its {@code Origin}, if the
 * client sent one, is this runner's own. curl and the tests send no {@code Origin}; a browser always
 * does on POST.
 */
final class LocalRequestGuard {
    private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");

    private final int port;

    LocalRequestGuard(int port) {
        this.port = port;
    }

    /** Why the request must be refused, or empty when it comes from this runner's own origin. */
    Optional<String> refusal(String method, Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || !isOwn(host)) {
            return Optional.of("Host: must name this runner (127.0.0.1:" + port + " or localhost:" + port + ")");
        }
        String origin = headers.getFirst("Origin");
        if (!method.equals("GET") && !method.equals("HEAD") && origin != null && !isOwnOrigin(origin)) {
            return Optional.of("Origin: local routes take requests only from this runner's own pages");
        }
        return Optional.empty();
    }

    private boolean isOwn(String host) {
        String lower = host.trim().toLowerCase(java.util.Locale.ROOT);
        // Without a port a client means port 80, which is only this runner when it listens there.
        return LOOPBACK_NAMES.stream().anyMatch(name -> lower.equals(name + ":" + port) || (port == 80 && lower.equals(name)));
    }

    private boolean isOwnOrigin(String origin) {
        String lower = origin.trim().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") && isOwn(lower.substring("http://".length()));
    }
}
