package dev.promptly.app.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.port.HelpdeskConnector.TicketUpdate;
import dev.promptly.app.port.HelpdeskLinks.Link;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A helpdesk outbox record carries what the connector needs to write it. */
class HelpdeskNotesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:30:00Z");
    private static final Link LINK = new Link(new ShopDomain("acme.myshopify.com"), Vendor.GORGIAS, "4711",
            ConversationId.derive("acme.myshopify.com", "m-1"), "m-1", NOW);

    @Test
    void anAddressedPublicReplyGivesTheConnectorTheCustomersAndTheShopsAddress() {
        var reply = HelpdeskNotes.publicReply(LINK, "ack-x", "Re: Where is it?", "Thanks, we are on it.", Set.of("promptly-ack"), "5001",
                "anna@example.com", "support@acme.example", NOW);

        TicketUpdate update = HelpdeskNotes.update(reply);

        assertTrue(update.publicReply());
        assertEquals(Optional.of("anna@example.com"), update.customerAddress());
        assertEquals(Optional.of("support@acme.example"), update.shopAddress());
        assertEquals("4711", update.ticketId());
        assertEquals(Set.of("promptly-ack"), update.addTags());
        assertEquals("HDREPLY-ack-x", reply.id());
    }

    @Test
    void aNoteNamesNoAddresses() {
        TicketUpdate update = HelpdeskNotes.update(HelpdeskNotes.note(LINK, "ack-x", "s", "t", Set.of(), Optional.empty(), null, NOW));

        assertEquals(Optional.empty(), update.customerAddress());
        assertEquals(Optional.empty(), update.shopAddress());
    }
}
