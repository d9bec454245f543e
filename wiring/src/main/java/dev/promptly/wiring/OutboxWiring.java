package dev.promptly.wiring;

import dev.promptly.app.csat.CsatSurveyCheck;
import dev.promptly.app.delay.DelayNoticeCheck;
import dev.promptly.app.helpdesk.HelpdeskAckCheck;
import dev.promptly.app.helpdesk.HelpdeskNoteChannel;
import dev.promptly.app.helpdesk.HelpdeskNotes;
import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.outbox.SendCheck;
import dev.promptly.app.whatsapp.WhatsAppChannel;
import dev.promptly.app.whatsapp.WhatsAppMessages;
import dev.promptly.app.whatsapp.WhatsAppOptOut;
import dev.promptly.app.whatsapp.WhatsAppStatuses;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The outbox: what Promptly sends (mail, alerts, WhatsApp messages, helpdesk notes) and what withdraws a send. */
public final class OutboxWiring {
    private OutboxWiring() {
    }

    /** The outbox's stream trigger and sweep: the mail transport, the alert channels and the checks before a send. */
    public static OutboxSender outboxSender(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        // The transport first: its environment is checked before the alert channels are built.
        Optional<MailTransport> transport = d.mailTransport();
        Map<String, AlertChannel> channels = new HashMap<>(d.alertChannels());
        // WhatsApp replies and notices go out beside the alerts, through the Cloud API unless the builder gave a WhatsApp channel.
        if (!channels.containsKey(WhatsAppMessages.CHANNEL)) {
            channels.put(WhatsAppMessages.CHANNEL, new WhatsAppChannel(d.config(), d.secrets(), d.whatsAppApi(), d.clock()));
        }
        channels.put(HelpdeskNotes.CHANNEL, new HelpdeskNoteChannel(d.config(), d.secrets(), d.helpdeskConnectors()));
        SendCheck delays = new DelayNoticeCheck(d.config(), stores.orders(), d.clock());
        SendCheck optedOut = new WhatsAppOptOut(stores.whatsAppOptOuts());
        SendCheck helpdesk = new HelpdeskAckCheck(d.config());
        SendCheck surveys = new CsatSurveyCheck(d.config(), stores.conversations(), stores.surveys());
        // A team copy attaches the files of the customer's mail, read from where SES stored it when the copy is sent.
        return new OutboxSender(stores.outbox(), transport, new MailComposer(id -> d.rawMail().apply(id)), channels, d.clock(), log,
                message -> delays.withdrawReason(message).or(() -> optedOut.withdrawReason(message))
                        .or(() -> helpdesk.withdrawReason(message)).or(() -> surveys.withdrawReason(message)),
                // WhatsApp statuses that came before their send was recorded are applied once it is.
                new WhatsAppStatuses(stores.outbox(), d.clock()));
    }
}
