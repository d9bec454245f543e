package dev.promptly.wiring;

import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.app.inbound.TeamReplies;
import dev.promptly.app.shopify.LiveOrderLookup;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MimeMailParser;
import java.util.Optional;

/** Customers' messages in: the message intake, the messages API and mail received through SES. */
public final class IntakeWiring {
    private IntakeWiring() {
    }

    /** {@code POST /messages}. */
    public static MessagesApi messagesApi(Deployment d, JsonLog log) {
        return new MessagesApi(messageIntake(d, log), d.secrets(), d.clock(), Optional.of(teamReplies(d, log)));
    }

    /** Mail received through SES: the intake over the raw mail stored in S3. */
    public static EmailIntake emailIntake(Deployment d, JsonLog log) {
        return new EmailIntake(messageIntake(d, log), d.rawMail(), new MimeMailParser(), log, Optional.of(teamReplies(d, log)));
    }

    /** Orders not stored, asked of the shops' Admin API (shops with {@code shopify_admin}); off without Admin API access. */
    public static LiveOrderLookup liveOrderLookup(Deployment d, JsonLog log) {
        ShopifyAdminParts admin = ShopifyAdminParts.of(d);
        return admin == null ? LiveOrderLookup.off(d.config(), d.clock(), log) : admin.lookup(log);
    }

    /** The intake every channel (mail, the messages API, WhatsApp, helpdesks) records customers' messages with. */
    static MessageIntake messageIntake(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        return MessageIntake.standard(d.config(), stores.conversations(), stores.orders(), d.clock(), log, liveOrderLookup(d, log));
    }

    /** Copies of the team's own mail, which record its replies on the conversations' clocks. */
    private static TeamReplies teamReplies(Deployment d, JsonLog log) {
        return new TeamReplies(d.config(), Stores.of(d).conversations(), ConversationWiring.agentActivity(d), log);
    }
}
