package dev.promptly.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Base URLs a shop configures (the survey links' API, a helpdesk account): trailing slashes dropped, https
 * required except plain http to this machine, which the local runner and its tests use.
 */
final class BaseUrls {
    private BaseUrls() {
    }

    /** {@code raw} without its trailing slashes as a URI, or null when it is not a URL. */
    static URI parse(String raw) {
        int end = raw.length();
        while (end > 0 && raw.charAt(end - 1) == '/') {
            end--;
        }
        try {
            return new URI(raw.substring(0, end));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** An https URL with a host and no query, or an http one to localhost or 127.0.0.1. */
    static boolean isSecureOrLocalWithoutQuery(URI uri) {
        boolean local = "http".equals(uri.getScheme()) && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        return ("https".equals(uri.getScheme()) || local) && uri.getHost() != null && uri.getRawQuery() == null;
    }
}
