package dev.promptly.app.inbound;

import dev.promptly.config.ShopConfig;
import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.message.LoopGuard;
import dev.promptly.core.wismo.WismoDetector;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A shop as the message intake uses it: its settings, calendar, loop guard and WISMO detector, built once. */
record IntakeShop(ShopConfig config, BusinessCalendar calendar, LoopGuard loopGuard, WismoDetector wismo) {

    /** Builds the calendar, and a loop guard that knows all of the shop's own addresses. */
    static IntakeShop of(ShopConfig shop, List<String> languages) {
        Set<String> own = new LinkedHashSet<>(shop.autoReply().inboundAddresses());
        own.add(shop.supportEmail().toLowerCase(Locale.ROOT));
        own.add(shop.autoReply().replyTo().toLowerCase(Locale.ROOT));
        var settings = shop.wismo();
        var detector = new WismoDetector(languages, settings.extraPhrases(), settings.negativePhrases(), settings.threshold());
        return new IntakeShop(shop, shop.calendar(), new LoopGuard(own), detector);
    }
}
