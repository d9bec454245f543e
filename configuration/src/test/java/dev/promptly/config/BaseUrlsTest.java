package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BaseUrlsTest {
    @Test
    void trailingSlashesAreDroppedAndWhatIsNoUrlIsNull() {
        assertEquals(URI.create("https://acme.zendesk.com"), BaseUrls.parse("https://acme.zendesk.com///"));
        assertEquals(URI.create("https://api.example.com/prod"), BaseUrls.parse("https://api.example.com/prod/"));
        assertNull(BaseUrls.parse("https://exa mple.com"));
    }

    @Test
    void httpsOrHttpToThisMachineWithoutQueryIsAccepted() {
        assertTrue(BaseUrls.isSecureOrLocalWithoutQuery(URI.create("https://acme.zendesk.com")));
        assertTrue(BaseUrls.isSecureOrLocalWithoutQuery(URI.create("http://localhost:3000")));
        assertTrue(BaseUrls.isSecureOrLocalWithoutQuery(URI.create("http://127.0.0.1:3000/local")));
        assertFalse(BaseUrls.isSecureOrLocalWithoutQuery(URI.create("http://acme.zendesk.com")));
        assertFalse(BaseUrls.isSecureOrLocalWithoutQuery(URI.create("https://acme.zendesk.com?x=1")));
        assertFalse(BaseUrls.isSecureOrLocalWithoutQuery(URI.create("ftp://x")));
        assertFalse(BaseUrls.isSecureOrLocalWithoutQuery(URI.create("https:relative")));
    }
}
