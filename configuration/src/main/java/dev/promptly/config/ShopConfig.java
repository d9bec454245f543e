package dev.promptly.config;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.delay.DelayPolicy;
import dev.promptly.core.reply.TemplateOverrides;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything configured for one shop. {@code languages} lists language tags, the shop's default first.
 * {@code firstResponseTarget} counts business time; {@code handlingBusinessDays} is the promised time to
 * ship in business days. {@code autoReply} holds the shop's own addresses, help links and reply budgets.
 * {@code wismo} says how "where is my order?" is recognised and answered ({@link WismoSettings#DEFAULT} when
 * the shop configures nothing). {@code delayNotices} holds the thresholds of proactive delay notices
 * ({@link DelayNoticeSettings#DEFAULT} when the shop configures nothing). {@code sla} holds the SLA policies,
 * alert stages, targets and alert hours; {@code firstResponseTarget} stays the promise acknowledgements make.
 * {@code orderAnswers} says how refund, return, cancellation, address change and invoice requests are
 * answered ({@link OrderAnswerSettings#DEFAULT} when the shop configures nothing).
 * {@code shopifyAdmin} is the shop's Admin API access, null when not configured (see {@link #adminApi()}).
 * {@code whatsapp} is the shop's WhatsApp number (null: the shop takes no WhatsApp messages).
 * {@code team} says where the team's mailbox gets copies and which addresses the team answers from
 * ({@link TeamMailbox#NONE} when the shop configures nothing). {@code helpdesk} is the shop's helpdesk connector
 * (null: the shop works without one). {@code templates} holds the shop's own wording of named message templates
 * ({@link TemplateOverrides#NONE} when it has none). {@code goodwill} holds the discount codes delay notices carry
 * ({@link GoodwillSettings#OFF} when the shop configures none). {@code csat} is the shop's satisfaction survey
 * ({@link CsatSettings#OFF} when the shop configures nothing).
 * The optional blocks are only ever set by {@link ConfigParser}; the shorter constructors leave them out.
 */
public record ShopConfig(
        ShopDomain domain,
        String name,
        String supportEmail,
        List<String> languages,
        ZoneId timeZone,
        ShopSecrets secrets,
        BusinessHours businessHours,
        Duration firstResponseTarget,
        int handlingBusinessDays,
        Retention retention,
        AutoReplySettings autoReply,
        WismoSettings wismo,
        DelayNoticeSettings delayNotices,
        SlaSettings sla,
        OrderAnswerSettings orderAnswers,
        ShopifyAdminSettings shopifyAdmin,
        WhatsAppSettings whatsapp,
        TeamMailbox team,
        HelpdeskSettings helpdesk,
        TemplateOverrides templates,
        GoodwillSettings goodwill,
        CsatSettings csat) {

    /** A shop without goodwill codes or satisfaction survey. */
    public ShopConfig(ShopDomain domain, String name, String supportEmail, List<String> languages, ZoneId timeZone, ShopSecrets secrets,
                      BusinessHours businessHours, Duration firstResponseTarget, int handlingBusinessDays, Retention retention,
                      AutoReplySettings autoReply, WismoSettings wismo, DelayNoticeSettings delayNotices, SlaSettings sla,
                      OrderAnswerSettings orderAnswers, ShopifyAdminSettings shopifyAdmin, WhatsAppSettings whatsapp, TeamMailbox team,
                      HelpdeskSettings helpdesk, TemplateOverrides templates) {
        this(domain, name, supportEmail, languages, timeZone, secrets, businessHours, firstResponseTarget, handlingBusinessDays, retention,
                autoReply, wismo, delayNotices, sla, orderAnswers, shopifyAdmin, whatsapp, team, helpdesk, templates, null, null);
    }

    /** A shop without any of the optional blocks (order answers by default, no Admin API, no WhatsApp). */
    public ShopConfig(ShopDomain domain, String name, String supportEmail, List<String> languages, ZoneId timeZone, ShopSecrets secrets,
                      BusinessHours businessHours, Duration firstResponseTarget, int handlingBusinessDays, Retention retention,
                      AutoReplySettings autoReply, WismoSettings wismo, DelayNoticeSettings delayNotices, SlaSettings sla) {
        this(domain, name, supportEmail, languages, timeZone, secrets, businessHours, firstResponseTarget, handlingBusinessDays, retention,
                autoReply, wismo, delayNotices, sla, null, null, null, null, null, null, null, null);
    }

    /** A shop with the SLA settings its {@code firstResponseTarget} alone implies ({@link SlaSettings#defaults}). */
    public ShopConfig(ShopDomain domain, String name, String supportEmail, List<String> languages, ZoneId timeZone, ShopSecrets secrets,
                      BusinessHours businessHours, Duration firstResponseTarget, int handlingBusinessDays, Retention retention,
                      AutoReplySettings autoReply, WismoSettings wismo, DelayNoticeSettings delayNotices) {
        this(domain, name, supportEmail, languages, timeZone, secrets, businessHours, firstResponseTarget, handlingBusinessDays, retention,
                autoReply, wismo, delayNotices, null);
    }

    public ShopConfig {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(timeZone, "timeZone");
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("a shop needs at least one language");
        }
        retention = retention == null ? Retention.DEFAULT : retention;
        Objects.requireNonNull(autoReply, "autoReply");
        wismo = wismo == null ? WismoSettings.DEFAULT : wismo;
        delayNotices = delayNotices == null ? DelayNoticeSettings.DEFAULT : delayNotices;
        sla = sla != null || firstResponseTarget == null ? sla : SlaSettings.defaults(firstResponseTarget, supportEmail);
        orderAnswers = orderAnswers == null ? OrderAnswerSettings.DEFAULT : orderAnswers;
        team = team == null ? TeamMailbox.NONE : team;
        templates = templates == null ? TemplateOverrides.NONE : templates;
        goodwill = goodwill == null ? GoodwillSettings.OFF : goodwill;
        csat = csat == null ? CsatSettings.OFF : csat;
    }

    /** When the shop's team wants SLA alerts, as {@code sla.alert_hours} says. */
    public dev.promptly.core.sla.AlertHours alertHours() {
        return new dev.promptly.core.sla.AlertHours(sla.businessHoursOnly() ? calendar() : null, sla.outside());
    }

    /** The shop's Admin API access, when its configuration has a {@code shopify_admin} block. */
    public java.util.Optional<ShopifyAdminSettings> adminApi() {
        return java.util.Optional.ofNullable(shopifyAdmin);
    }

    /** This shop with {@code helpdesk} as its helpdesk (null: none). */
    public ShopConfig withHelpdesk(HelpdeskSettings helpdesk) {
        return new ShopConfig(domain, name, supportEmail, languages, timeZone, secrets, businessHours, firstResponseTarget,
                handlingBusinessDays, retention, autoReply, wismo, delayNotices, sla, orderAnswers, shopifyAdmin, whatsapp, team, helpdesk,
                templates, goodwill, csat);
    }

    /** This shop with {@code csat} as its satisfaction survey (null: off). */
    public ShopConfig withCsat(CsatSettings csat) {
        return new ShopConfig(domain, name, supportEmail, languages, timeZone, secrets, businessHours, firstResponseTarget,
                handlingBusinessDays, retention, autoReply, wismo, delayNotices, sla, orderAnswers, shopifyAdmin, whatsapp, team, helpdesk,
                templates, goodwill, csat);
    }

    /** The shop's helpdesk, when it works in one (Helpdesk mode). */
    public java.util.Optional<HelpdeskSettings> helpdeskSettings() {
        return java.util.Optional.ofNullable(helpdesk);
    }

    /** The shop's WhatsApp number, when it has one. */
    public java.util.Optional<WhatsAppSettings> whatsApp() {
        return java.util.Optional.ofNullable(whatsapp);
    }

    public String defaultLanguage() {
        return languages.get(0);
    }

    /** The shop's delay rules: its {@code delay_notices} thresholds with its handling time. */
    public DelayPolicy delayPolicy() {
        return delayNotices.policy(this);
    }

    /** The shop's business calendar in its time zone, naming holidays in its default language. */
    public BusinessCalendar calendar() {
        return businessHours.calendar(timeZone, Locale.forLanguageTag(defaultLanguage()));
    }
}
