package dev.promptly.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.error.JsonProblem;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.TimeRange;
import dev.promptly.core.delay.DelayPolicy;
import dev.promptly.core.delay.SendWindow;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.reply.TemplateOverrides;
import dev.promptly.core.wismo.InvalidPhraseException;
import dev.promptly.core.wismo.OrderNameFormat;
import dev.promptly.core.wismo.ShopPhrases;
import dev.promptly.holidays.PublicHolidays;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and fully validates Promptly's JSON configuration (see {@code docs/configuration.md}). Every
 * problem is collected with its path, so one run shows all mistakes; unknown keys are errors because a
 * misspelt setting silently falling back to its default is worse than a failed start.
 */
public final class ConfigParser {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Set<String> TOP_KEYS = Set.of("_comment", "shops");
    private static final Set<String> SHOP_KEYS = Set.of("_comment", "name", "support_email", "languages", "time_zone",
            "secrets", "business_hours", "sla", "handling_time_business_days", "retention", "inbound_addresses", "reply_to",
            "help_links", "auto_reply_budget", "wismo", "delay_notices", OrderAnswersReader.KEY,
            "shopify_admin", WhatsAppConfigReader.KEY, "team", "helpdesk",
            TemplateOverridesReader.KEY, GoodwillConfigReader.KEY, CsatConfigReader.KEY);
    private static final Set<String> SECRET_KEYS = Set.of("shopify_webhook", "shopify_webhook_previous", "messages", "agent_token",
            "export_token");
    private static final Set<String> HOURS_KEYS = Set.of("holidays", "weekly", "closures", "special_hours");
    private static final Set<String> HOLIDAY_KEYS = Set.of("country", "region");
    private static final Set<String> RETENTION_KEYS = Set.of("order_days", "export_days");
    private static final Set<String> BUDGET_KEYS = Set.of("per_sender_per_day", "per_shop_per_hour", "new_sender_share");
    private static final Set<String> HELP_TOPICS = Set.of("shipping", "returns", "payment");
    private static final Set<String> WISMO_KEYS = Set.of("_comment", "order_name", "extra_phrases", "negative_phrases", "threshold", "after_answer");
    private static final Set<String> DELAY_KEYS = Set.of("_comment", "enabled", "cutoff", "handling_days_by_shipping",
            "label_no_scan_days", "tracking_stall_days", "transit_days", "repeat_after_days", "send_window", "circuit_breaker",
            "customer_time_zones");
    private static final Set<String> TEAM_KEYS = Set.of("_comment", "copy_to", "addresses");
    private static final Set<String> BREAKER_KEYS = Set.of("max_notices", "max_share");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> ORDER_NAME_KEYS = Set.of("prefix", "suffix");
    private static final String WAIT_ON_CUSTOMER = "waiting_on_customer";
    private static final String KEEP_OPEN = "keep_open";
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    private final boolean allowLiteralSecrets;
    private final List<String> problems = new ArrayList<>();

    private ConfigParser(boolean allowLiteralSecrets) {
        this.allowLiteralSecrets = allowLiteralSecrets;
    }

    /**
     * Parses {@code json}; {@code source} names where it came from in error messages.
     *
     * @param allowLiteralSecrets true only for the local runner; deployed functions refuse {@code literal:}
     * @throws ConfigException listing every problem found
     */
    public static PromptlyConfig parse(String json, String source, boolean allowLiteralSecrets) {
        JsonNode root;
        try {
            root = JsonTrees.read(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(JsonProblem.limit(e).map(limit -> "over a JSON limit: " + limit)
                    .orElseGet(() -> "not valid JSON at " + JsonProblem.position(e) + ": " + e.getOriginalMessage())));
        }
        var parser = new ConfigParser(allowLiteralSecrets);
        PromptlyConfig config = parser.config(root);
        if (!parser.problems.isEmpty()) {
            throw new ConfigException(source, parser.problems);
        }
        return config;
    }

    private PromptlyConfig config(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add("(root): must be a JSON object with \"shops\"");
            return null;
        }
        unknownKeys(root, "", TOP_KEYS);
        JsonNode shops = root.path("shops");
        if (!shops.isObject() || shops.isEmpty()) {
            problems.add("shops: must be an object with at least one shop, keyed by its myshopify.com domain");
            return null;
        }
        Map<ShopDomain, ShopConfig> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = shops.fields(); it.hasNext(); ) {
            var entry = it.next();
            String path = "shops[\"" + entry.getKey() + "\"]";
            ShopConfig shop = shop(path, entry.getKey(), entry.getValue());
            if (shop != null) {
                result.put(shop.domain(), shop);
            }
        }
        return new PromptlyConfig(result);
    }

    private ShopConfig shop(String path, String key, JsonNode node) {
        if (!node.isObject()) {
            problems.add(path + ": must be an object");
            return null;
        }
        unknownKeys(node, path, SHOP_KEYS);
        int before = problems.size();
        ShopDomain domain = attempt(path, key, ShopDomain::new);
        String name = text(node, path, "name", false);
        String email = text(node, path, "support_email", true);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add(path + ".support_email: must be an e-mail address");
        }
        List<String> languages = languages(node.path("languages"), path + ".languages");
        ZoneId zone = attempt(path + ".time_zone", text(node, path, "time_zone", true), ZoneId::of);
        ShopSecrets secrets = secrets(node.path("secrets"), path + ".secrets");
        BusinessHours hours = businessHours(node.path("business_hours"), path + ".business_hours");
        Duration firstResponse = sla(node.path("sla"), path + ".sla");
        SlaSettings slaSettings = new SlaConfigReader(this, problems).read(node.path("sla"), path + ".sla", firstResponse, email);
        int handlingDays = handlingDays(node.path("handling_time_business_days"), path + ".handling_time_business_days");
        Retention retention = retention(node.path("retention"), path + ".retention");
        AutoReplySettings autoReply = autoReply(node, path, email, languages);
        WismoSettings wismo = wismo(node.path("wismo"), path + ".wismo", languages);
        DelayNoticeSettings delayNotices = delayNotices(node.path("delay_notices"), path + ".delay_notices");
        GoodwillSettings goodwill = new GoodwillConfigReader(this, problems)
                .read(node.path(GoodwillConfigReader.KEY), path + "." + GoodwillConfigReader.KEY);
        OrderAnswerSettings orderAnswers = new OrderAnswersReader(this, problems)
                .read(node.path(OrderAnswersReader.KEY), path + "." + OrderAnswersReader.KEY, languages);
        ShopifyAdminSettings shopifyAdmin = new ShopifyAdminConfigReader(this, problems).read(node.path("shopify_admin"), path + ".shopify_admin");
        WhatsAppSettings whatsapp = new WhatsAppConfigReader(this, problems)
                .read(node.path(WhatsAppConfigReader.KEY), path + "." + WhatsAppConfigReader.KEY, languages);
        TeamMailbox team = team(node.path("team"), path + ".team", autoReply);
        HelpdeskSettings helpdesk = new HelpdeskConfigReader(this, problems).read(node.path("helpdesk"), path + ".helpdesk");
        TemplateOverrides templates = new TemplateOverridesReader(problems)
                .read(node.path(TemplateOverridesReader.KEY), path + "." + TemplateOverridesReader.KEY, languages);
        CsatSettings csat = new CsatConfigReader(this, problems).read(node.path(CsatConfigReader.KEY), path + "." + CsatConfigReader.KEY);
        if (problems.size() > before) {
            return null;
        }
        return new ShopConfig(domain, name == null ? domain.value() : name, email, languages, zone, secrets, hours,
                firstResponse, handlingDays, retention, autoReply, wismo, delayNotices, slaSettings, orderAnswers, shopifyAdmin, whatsapp, team, helpdesk,
                templates, goodwill, csat);
    }

    private List<String> languages(JsonNode node, String path) {
        List<String> languages = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            problems.add(path + ": must list at least one language, the shop's default first (e.g. [\"de\", \"en\"])");
            return languages;
        }
        for (int i = 0; i < node.size(); i++) {
            String language = node.get(i).asText("");
            if (!LANGUAGE.matcher(language).matches()) {
                problems.add(path + "[" + i + "]: must be a lower-case ISO 639 language code such as \"de\"");
            } else if (languages.contains(language)) {
                problems.add(path + "[" + i + "]: \"" + language + "\" is listed twice");
            } else {
                languages.add(language);
            }
        }
        return languages;
    }

    private ShopSecrets secrets(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path + ": is required (shopify_webhook, messages, agent_token)");
            return null;
        }
        unknownKeys(node, path, SECRET_KEYS);
        SecretRef webhook = secret(node, path, "shopify_webhook", true);
        SecretRef previous = secret(node, path, "shopify_webhook_previous", false);
        SecretRef messages = secret(node, path, "messages", true);
        SecretRef agent = secret(node, path, "agent_token", true);
        SecretRef export = secret(node, path, "export_token", false);
        if (export != null && export.equals(agent)) {
            // The export holds a customer's whole record; a token the helpdesk also holds must not open it.
            problems.add(path + ".export_token: must be a different secret from agent_token");
            export = null;
        }
        return webhook == null || messages == null || agent == null ? null : new ShopSecrets(webhook, previous, messages, agent, export);
    }

    SecretRef secret(JsonNode node, String path, String field, boolean required) {
        String raw = text(node, path, field, required);
        if (raw == null) {
            return null;
        }
        SecretRef ref = attempt(path + "." + field, raw, SecretRef::parse);
        if (ref != null && ref.scheme() == SecretRef.Scheme.LITERAL && !allowLiteralSecrets) {
            problems.add(path + "." + field + ": literal secrets are for the local runner only; use ssm: or secretsmanager:");
            return null;
        }
        return ref;
    }

    private BusinessHours businessHours(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path + ": is required (weekly opening hours and holidays)");
            return null;
        }
        unknownKeys(node, path, HOURS_KEYS);
        JsonNode holidays = node.path("holidays");
        String country = null;
        String region = null;
        if (!holidays.isMissingNode()) {
            unknownKeys(holidays, path + ".holidays", HOLIDAY_KEYS);
            country = text(holidays, path + ".holidays", "country", true);
            region = text(holidays, path + ".holidays", "region", false);
            holidayCalendar(path + ".holidays", country, region);
        }
        Map<DayOfWeek, List<TimeRange>> weekly = weekly(node.path("weekly"), path + ".weekly");
        Map<LocalDate, List<TimeRange>> special = specialHours(node.path("special_hours"), path + ".special_hours");
        List<LocalDate> closures = closures(node.path("closures"), path + ".closures", special);
        return new BusinessHours(country, region, weekly, closures, special);
    }

    /** Checks the codes against the holiday table now, so a typo fails the load rather than a promise. */
    private void holidayCalendar(String path, String country, String region) {
        if (country == null) {
            return;
        }
        if (!country.matches("[A-Z]{2}")) {
            problems.add(path + ".country: must be an ISO 3166 alpha-2 code such as \"DE\"");
            return;
        }
        if (!PublicHolidays.knowsCountry(country)) {
            problems.add(path + ".country: not known to the holiday calendar");
            return;
        }
        if (region == null) {
            return;
        }
        if (!region.matches(Pattern.quote(country) + "-[A-Z0-9]{1,3}")) {
            problems.add(path + ".region: must be an ISO 3166-2 code of the country such as \"" + country + "-NW\"");
            return;
        }
        SortedSet<String> known = PublicHolidays.regionsOf(country);
        if (!known.contains(region)) {
            problems.add(path + ".region: not known to the holiday calendar" + (known.isEmpty()
                    ? " (it has no regions of " + country + ")" : " (known: " + String.join(", ", known) + ")"));
        }
    }

    private Map<DayOfWeek, List<TimeRange>> weekly(JsonNode week, String path) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        if (!week.isObject()) {
            problems.add(path + ": must map day names (monday…sunday) to lists of \"HH:mm-HH:mm\"");
            return weekly;
        }
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = week.fields(); it.hasNext(); ) {
            var day = it.next();
            String dayPath = path + "." + day.getKey();
            DayOfWeek dow = attempt(dayPath, day.getKey(), ConfigParser::dayOfWeek);
            if (!day.getValue().isArray()) {
                problems.add(dayPath + ": must be a list of \"HH:mm-HH:mm\"");
                continue;
            }
            List<TimeRange> ranges = ranges(day.getValue(), dayPath);
            if (dow != null) {
                weekly.put(dow, ranges);
            }
        }
        if (problems.size() == before && weekly.values().stream().allMatch(List::isEmpty)) {
            problems.add(path + ": must open on at least one day (a shop that is never open cannot promise a reply time)");
        }
        return weekly;
    }

    private Map<LocalDate, List<TimeRange>> specialHours(JsonNode node, String path) {
        Map<LocalDate, List<TimeRange>> special = new TreeMap<>();
        if (node.isMissingNode()) {
            return special;
        }
        if (!node.isObject()) {
            problems.add(path + ": must map ISO dates to lists of \"HH:mm-HH:mm\" (an empty list closes the day)");
            return special;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String datePath = path + "." + entry.getKey();
            LocalDate date = isoDate(datePath, entry.getKey());
            if (!entry.getValue().isArray()) {
                problems.add(datePath + ": must be a list of \"HH:mm-HH:mm\" (an empty list closes the day)");
                continue;
            }
            List<TimeRange> ranges = ranges(entry.getValue(), datePath);
            if (date != null) {
                special.put(date, ranges);
            }
        }
        return special;
    }

    private List<LocalDate> closures(JsonNode node, String path, Map<LocalDate, List<TimeRange>> special) {
        List<LocalDate> closures = new ArrayList<>();
        if (node.isMissingNode()) {
            return closures;
        }
        if (!node.isArray()) {
            problems.add(path + ": must be a list of ISO dates such as [\"2026-12-24\"]");
            return closures;
        }
        for (int i = 0; i < node.size(); i++) {
            String elementPath = path + "[" + i + "]";
            JsonNode element = node.get(i);
            if (!element.isTextual()) {
                problems.add(elementPath + ": must be an ISO date such as \"2026-12-24\"");
                continue;
            }
            LocalDate date = attempt(elementPath, element.asText(), LocalDate::parse);
            if (date == null) {
                continue;
            }
            if (closures.contains(date)) {
                problems.add(elementPath + ": " + date + " is listed twice");
            } else if (special.containsKey(date)) {
                problems.add(elementPath + ": " + date + " also has special_hours; keep one");
            } else {
                closures.add(date);
            }
        }
        return closures;
    }

    private List<TimeRange> ranges(JsonNode list, String path) {
        List<TimeRange> ranges = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            TimeRange range = attempt(path + "[" + i + "]", list.get(i).asText(""), TimeRange::parse);
            if (range != null) {
                ranges.add(range);
            }
        }
        return ranges;
    }

    private LocalDate isoDate(String path, String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            problems.add(path + ": must be an ISO date such as \"2026-12-24\"");
            return null;
        }
    }

    private static DayOfWeek dayOfWeek(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equalsIgnoreCase(name)) {
                return day;
            }
        }
        throw new IllegalArgumentException("not a day: use monday, tuesday, wednesday, thursday, friday, saturday or sunday");
    }

    private Duration sla(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path + ": is required (first_response as an ISO-8601 duration such as \"PT4H\")");
            return null;
        }
        unknownKeys(node, path, SlaConfigReader.SLA_KEYS);
        Duration first = attempt(path + ".first_response", text(node, path, "first_response", true), Duration::parse);
        if (first != null && (first.isNegative() || first.isZero())) {
            problems.add(path + ".first_response: must be > 0");
            return null;
        }
        return first;
    }

    private int handlingDays(JsonNode node, String path) {
        if (!node.isInt() || node.asInt() < 0 || node.asInt() > 60) {
            problems.add(path + ": must be a whole number of business days from 0 to 60");
            return 0;
        }
        return node.asInt();
    }

    private Retention retention(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return Retention.DEFAULT;
        }
        unknownKeys(node, path, RETENTION_KEYS);
        int orders = positive(node.path("order_days"), path + ".order_days", Retention.DEFAULT.orderDays());
        int exports = positive(node.path("export_days"), path + ".export_days", Retention.DEFAULT.exportDays());
        return orders > 0 && exports > 0 ? new Retention(orders, exports) : null;
    }

    private AutoReplySettings autoReply(JsonNode shop, String path, String supportEmail, List<String> languages) {
        List<String> inbound = new ArrayList<>();
        JsonNode addresses = shop.path("inbound_addresses");
        if (addresses.isMissingNode()) {
            if (supportEmail != null) {
                inbound.add(supportEmail.toLowerCase(java.util.Locale.ROOT));
            }
        } else if (!addresses.isArray() || addresses.isEmpty()) {
            problems.add(path + ".inbound_addresses: must list the e-mail addresses customers write to");
        } else {
            for (int i = 0; i < addresses.size(); i++) {
                String address = addresses.get(i).asText("");
                if (!EMAIL.matcher(address).matches()) {
                    problems.add(path + ".inbound_addresses[" + i + "]: must be an e-mail address");
                } else {
                    inbound.add(address.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        String replyTo = text(shop, path, "reply_to", false);
        if (replyTo != null && !EMAIL.matcher(replyTo).matches()) {
            problems.add(path + ".reply_to: must be an e-mail address");
        }
        Map<String, Map<String, String>> links = helpLinks(shop.path("help_links"), path + ".help_links", languages);
        JsonNode budget = shop.path("auto_reply_budget");
        int perSender = AutoReplySettings.DEFAULT_PER_SENDER_PER_DAY;
        int perShop = AutoReplySettings.DEFAULT_PER_SHOP_PER_HOUR;
        int newShare = AutoReplySettings.DEFAULT_NEW_SENDER_SHARE_PERCENT;
        if (!budget.isMissingNode()) {
            if (!budget.isObject()) {
                problems.add(path + ".auto_reply_budget: must be an object (per_sender_per_day, per_shop_per_hour)");
            } else {
                unknownKeys(budget, path + ".auto_reply_budget", BUDGET_KEYS);
                perSender = positive(budget.path("per_sender_per_day"), path + ".auto_reply_budget.per_sender_per_day", perSender);
                perShop = positive(budget.path("per_shop_per_hour"), path + ".auto_reply_budget.per_shop_per_hour", perShop);
                newShare = percent(budget.path("new_sender_share"), path + ".auto_reply_budget.new_sender_share", newShare);
            }
        }
        String effectiveReplyTo = replyTo != null ? replyTo : supportEmail;
        if (effectiveReplyTo == null || perSender < 1 || perShop < 1 || newShare < 0) {
            return null;
        }
        return new AutoReplySettings(inbound, effectiveReplyTo, links, perSender, perShop, newShare);
    }

    /** The optional {@code team} object: the team mailbox's copy address and the addresses the team answers from. */
    private TeamMailbox team(JsonNode node, String path, AutoReplySettings autoReply) {
        if (node.isMissingNode() || node.isNull()) {
            return TeamMailbox.NONE;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object (copy_to, addresses)");
            return null;
        }
        unknownKeys(node, path, TEAM_KEYS);
        String copyTo = null;
        JsonNode copy = node.path("copy_to");
        if (!copy.isMissingNode() && !copy.isNull()) {
            if (!copy.isTextual() || !EMAIL.matcher(copy.asText()).matches()) {
                problems.add(path + ".copy_to: must be an e-mail address (or null: the shop's mailbox receives mail first)");
            } else if (autoReply != null && autoReply.inboundAddresses().contains(copy.asText().toLowerCase(java.util.Locale.ROOT))) {
                // SES would receive the copy again: a loop the loop guard stops, but a copy the team never sees.
                problems.add(path + ".copy_to: must not be one of the shop's inbound_addresses (Promptly receives those)");
            } else {
                copyTo = copy.asText();
            }
        }
        List<String> addresses = new ArrayList<>();
        JsonNode list = node.path("addresses");
        if (!list.isMissingNode() && !list.isArray()) {
            problems.add(path + ".addresses: must list the e-mail addresses the team answers customers from");
        } else {
            for (int i = 0; i < list.size(); i++) {
                String address = list.get(i).asText("");
                if (!EMAIL.matcher(address).matches()) {
                    problems.add(path + ".addresses[" + i + "]: must be an e-mail address");
                } else {
                    addresses.add(address);
                }
            }
        }
        return new TeamMailbox(copyTo, addresses);
    }

    private Map<String, Map<String, String>> helpLinks(JsonNode node, String path, List<String> languages) {
        Map<String, Map<String, String>> links = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return links;
        }
        if (!node.isObject()) {
            problems.add(path + ": must map a topic (" + String.join(", ", new java.util.TreeSet<>(HELP_TOPICS)) + ") to a URL or to URLs by language");
            return links;
        }
        unknownKeys(node, path, HELP_TOPICS);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var topic = it.next();
            if (!HELP_TOPICS.contains(topic.getKey())) {
                continue;
            }
            String topicPath = path + "." + topic.getKey();
            Map<String, String> byLanguage = new LinkedHashMap<>();
            if (topic.getValue().isTextual()) {
                url(topicPath, topic.getValue().asText(), "*", byLanguage);
            } else if (topic.getValue().isObject()) {
                topic.getValue().fields().forEachRemaining(entry -> {
                    if (!languages.contains(entry.getKey())) {
                        problems.add(topicPath + "." + entry.getKey() + ": not one of the shop's languages " + languages);
                    } else {
                        url(topicPath + "." + entry.getKey(), entry.getValue().asText(""), entry.getKey(), byLanguage);
                    }
                });
            } else {
                problems.add(topicPath + ": must be a URL or an object of URLs by language");
            }
            links.put(topic.getKey(), byLanguage);
        }
        return links;
    }

    private WismoSettings wismo(JsonNode node, String path, List<String> languages) {
        if (node.isMissingNode()) {
            return WismoSettings.DEFAULT;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object (order_name, extra_phrases, negative_phrases, threshold, after_answer)");
            return null;
        }
        unknownKeys(node, path, WISMO_KEYS);
        int before = problems.size();
        OrderNameFormat orderName = orderName(node.path("order_name"), path + ".order_name");
        Map<String, List<String>> extra = phrases(node.path("extra_phrases"), path + ".extra_phrases", languages);
        Map<String, List<String>> negative = phrases(node.path("negative_phrases"), path + ".negative_phrases", languages);
        if (problems.size() == before) {
            for (InvalidPhraseException problem : ShopPhrases.problemsWith(extra, negative)) {
                problems.add(path + (problem.positive() ? ".extra_phrases." : ".negative_phrases.") + problem.language()
                        + "[" + problem.index() + "]: " + problem.reason());
            }
        }
        double threshold = WismoSettings.DEFAULT.threshold();
        JsonNode thresholdNode = node.path("threshold");
        if (!thresholdNode.isMissingNode()) {
            if (!thresholdNode.isNumber() || !(thresholdNode.asDouble() > 0 && thresholdNode.asDouble() <= 1)) {
                problems.add(path + ".threshold: must be a number above 0 and at most 1 (default " + threshold + ")");
            } else {
                threshold = thresholdNode.asDouble();
            }
        }
        String afterAnswer = text(node, path, "after_answer", false);
        if (afterAnswer != null && !afterAnswer.equals(WAIT_ON_CUSTOMER) && !afterAnswer.equals(KEEP_OPEN)) {
            problems.add(path + ".after_answer: must be \"" + WAIT_ON_CUSTOMER + "\" (the default) or \"" + KEEP_OPEN + "\"");
        }
        if (problems.size() > before) {
            return null;
        }
        return new WismoSettings(orderName, extra, negative, threshold, KEEP_OPEN.equals(afterAnswer));
    }

    private DelayNoticeSettings delayNotices(JsonNode node, String path) {
        DelayNoticeSettings defaults = DelayNoticeSettings.DEFAULT;
        if (node.isMissingNode()) {
            return defaults;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object (" + String.join(", ", DELAY_KEYS.stream().filter(k -> !k.startsWith("_")).sorted().toList()) + ")");
            return null;
        }
        unknownKeys(node, path, DELAY_KEYS);
        int before = problems.size();
        boolean enabled = defaults.enabled();
        JsonNode enabledNode = node.path("enabled");
        if (!enabledNode.isMissingNode()) {
            if (!enabledNode.isBoolean()) {
                problems.add(path + ".enabled: must be true or false (default true)");
            } else {
                enabled = enabledNode.asBoolean();
            }
        }
        LocalTime cutoff = null;
        JsonNode cutoffNode = node.path("cutoff");
        if (!cutoffNode.isMissingNode() && !cutoffNode.isNull()) {
            try {
                cutoff = LocalTime.parse(cutoffNode.isTextual() ? cutoffNode.asText().trim() : "");
            } catch (DateTimeParseException e) {
                problems.add(path + ".cutoff: must be a local time \"HH:mm\" such as \"14:00\" (or null for none)");
            }
        }
        Map<String, Integer> byShipping = handlingByShipping(node.path("handling_days_by_shipping"), path + ".handling_days_by_shipping");
        int labelNoScan = days(node.path("label_no_scan_days"), path + ".label_no_scan_days", 1, DelayPolicy.MAX_DAYS, defaults.labelNoScanDays());
        int stall = days(node.path("tracking_stall_days"), path + ".tracking_stall_days", 1, DelayPolicy.MAX_DAYS, defaults.trackingStallDays());
        Map<String, Integer> transit = transitDays(node.path("transit_days"), path + ".transit_days", defaults.transitDays());
        int repeat = defaults.repeatAfterDays();
        JsonNode repeatNode = node.path("repeat_after_days");
        if (!repeatNode.isMissingNode()) {
            if (!repeatNode.isInt() || repeatNode.asInt() < 1 || repeatNode.asInt() > DelayPolicy.MAX_REPEAT_AFTER_DAYS) {
                problems.add(path + ".repeat_after_days: must be a whole number of days from 1 to " + DelayPolicy.MAX_REPEAT_AFTER_DAYS);
            } else {
                repeat = repeatNode.asInt();
            }
        }
        SendWindow window = defaults.sendWindow();
        if (!node.path("send_window").isMissingNode()) {
            window = attempt(path + ".send_window", text(node, path, "send_window", true), SendWindow::parse);
        }
        int maxNotices = defaults.maxNoticesPerRun();
        double maxShare = defaults.maxShareOfDue();
        JsonNode breaker = node.path("circuit_breaker");
        if (!breaker.isMissingNode()) {
            String breakerPath = path + ".circuit_breaker";
            if (!breaker.isObject()) {
                problems.add(breakerPath + ": must be an object (max_notices, max_share)");
            } else {
                unknownKeys(breaker, breakerPath, BREAKER_KEYS);
                maxNotices = positive(breaker.path("max_notices"), breakerPath + ".max_notices", maxNotices);
                JsonNode share = breaker.path("max_share");
                if (!share.isMissingNode()) {
                    if (!share.isNumber() || !(share.asDouble() > 0 && share.asDouble() <= 1)) {
                        problems.add(breakerPath + ".max_share: must be a number above 0 and at most 1 (default " + maxShare + ", which is off)");
                    } else {
                        maxShare = share.asDouble();
                    }
                }
            }
        }
        Map<String, ZoneId> zones = customerTimeZones(node.path("customer_time_zones"), path + ".customer_time_zones");
        if (problems.size() > before) {
            return null;
        }
        return new DelayNoticeSettings(enabled, cutoff, byShipping, labelNoScan, stall, transit, repeat, window, maxNotices, maxShare,
                zones);
    }

    private Map<String, ZoneId> customerTimeZones(JsonNode node, String path) {
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return zones;
        }
        if (!node.isObject()) {
            problems.add(path + ": must map a shipping country to an IANA time zone, e.g. {\"GB\": \"Europe/London\"}");
            return zones;
        }
        node.fields().forEachRemaining(entry -> {
            String country = entry.getKey();
            String where = path + "." + country;
            if (!country.matches("[A-Z]{2}")) {
                problems.add(where + ": must be an upper-case ISO 3166 alpha-2 country code such as GB");
            } else if (!entry.getValue().isTextual()) {
                problems.add(where + ": must be an IANA time zone such as \"Europe/London\"");
            } else {
                try {
                    zones.put(country, ZoneId.of(entry.getValue().asText().trim()));
                } catch (DateTimeException e) {
                    problems.add(where + ": \"" + entry.getValue().asText() + "\" is no IANA time zone");
                }
            }
        });
        return zones;
    }

    private Map<String, Integer> handlingByShipping(JsonNode node, String path) {
        Map<String, Integer> result = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return result;
        }
        if (!node.isObject()) {
            problems.add(path + ": must map a shipping method's code or title to business days, e.g. {\"express\": 1}");
            return result;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String methodPath = path + "." + entry.getKey();
            String method = entry.getKey().strip();
            if (method.isEmpty()) {
                problems.add(methodPath + ": a shipping method must not be blank");
                continue;
            }
            if (!seen.add(method.toLowerCase(java.util.Locale.ROOT))) {
                problems.add(methodPath + ": listed twice (shipping methods are matched without case)");
                continue;
            }
            int days = days(entry.getValue(), methodPath, 0, DelayPolicy.MAX_DAYS, -1);
            if (days >= 0) {
                result.put(method, days);
            }
        }
        return result;
    }

    private Map<String, Integer> transitDays(JsonNode node, String path, Map<String, Integer> defaults) {
        Map<String, Integer> result = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return defaults;
        }
        if (!node.isObject()) {
            problems.add(path + ": must map ISO country codes and \"*\" (every other country) to business days, e.g. {\"DE\": 2, \"*\": 5}");
            return result;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String countryPath = path + "." + entry.getKey();
            if (!entry.getKey().equals(DelayPolicy.ANY_COUNTRY) && !COUNTRY.matcher(entry.getKey()).matches()) {
                problems.add(countryPath + ": must be an ISO 3166 alpha-2 code such as \"DE\", or \"*\" for every other country");
                continue;
            }
            int days = days(entry.getValue(), countryPath, 0, DelayPolicy.MAX_DAYS, -1);
            if (days >= 0) {
                result.put(entry.getKey(), days);
            }
        }
        result.putIfAbsent(DelayPolicy.ANY_COUNTRY, defaults.get(DelayPolicy.ANY_COUNTRY));
        return result;
    }

    /** A whole number of business days in {@code [min, max]}; {@code fallback} when absent, -1 after a problem. */
    private int days(JsonNode node, String path, int min, int max, int fallback) {
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isInt() || node.asInt() < min || node.asInt() > max) {
            problems.add(path + ": must be a whole number of business days from " + min + " to " + max);
            return -1;
        }
        return node.asInt();
    }

    private OrderNameFormat orderName(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return OrderNameFormat.SHOPIFY_DEFAULT;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object with prefix and suffix, e.g. {\"prefix\": \"#\", \"suffix\": \"\"}");
            return null;
        }
        unknownKeys(node, path, ORDER_NAME_KEYS);
        String prefix = affix(node, path, "prefix", OrderNameFormat.SHOPIFY_DEFAULT.prefix());
        String suffix = affix(node, path, "suffix", OrderNameFormat.SHOPIFY_DEFAULT.suffix());
        if (prefix == null || suffix == null) {
            return null;
        }
        try {
            return new OrderNameFormat(prefix, suffix);
        } catch (IllegalArgumentException e) {
            problems.add(path + "." + e.getMessage());
            return null;
        }
    }

    /** A prefix or suffix: a string, possibly empty (Shopify allows either to be empty). */
    private String affix(JsonNode node, String path, String field, String fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isTextual()) {
            problems.add(path + "." + field + ": must be a string (may be empty)");
            return null;
        }
        return value.asText();
    }

    private Map<String, List<String>> phrases(JsonNode node, String path, List<String> languages) {
        Map<String, List<String>> phrases = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return phrases;
        }
        if (!node.isObject()) {
            problems.add(path + ": must map a language of the shop " + languages + " to a list of phrases");
            return phrases;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String languagePath = path + "." + entry.getKey();
            if (!languages.contains(entry.getKey())) {
                problems.add(languagePath + ": not one of the shop's languages " + languages);
                continue;
            }
            if (!entry.getValue().isArray()) {
                problems.add(languagePath + ": must be a list of phrases");
                continue;
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                JsonNode phrase = entry.getValue().get(i);
                if (!phrase.isTextual() || phrase.asText().isBlank()) {
                    problems.add(languagePath + "[" + i + "]: must be a non-empty string");
                } else {
                    list.add(phrase.asText().strip());
                }
            }
            phrases.put(entry.getKey(), list);
        }
        return phrases;
    }

    private void url(String path, String value, String language, Map<String, String> into) {
        if (URL.matcher(value).matches()) {
            into.put(language, value);
        } else {
            problems.add(path + ": must be an http(s) URL");
        }
    }

    /** A whole percentage from 0 to 100; -1 after reporting a problem. */
    private int percent(JsonNode node, String path, int fallback) {
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isInt() || node.asInt() < 0 || node.asInt() > 100) {
            problems.add(path + ": must be a whole number from 0 to 100 (percent)");
            return -1;
        }
        return node.asInt();
    }

    private int positive(JsonNode node, String path, int fallback) {
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isInt() || node.asInt() < 1) {
            problems.add(path + ": must be a whole number >= 1");
            return 0;
        }
        return node.asInt();
    }

    String text(JsonNode node, String path, String field, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                problems.add(path + "." + field + ": is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(path + "." + field + ": must be a non-empty string");
            return null;
        }
        return value.asText().trim();
    }

    <T> T attempt(String path, String raw, Function<String, T> parse) {
        if (raw == null) {
            return null;
        }
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException | DateTimeException e) {
            String reason = e instanceof DateTimeParseException ? "cannot be read as a date, time or duration"
                    : e.getMessage() == null ? "is not valid" : e.getMessage();
            problems.add(path + ": " + reason);
            return null;
        }
    }

    void unknownKeys(JsonNode node, String path, Set<String> known) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add((path.isEmpty() ? "" : path + ".") + key + ": unknown setting (known: "
                        + String.join(", ", known.stream().filter(k -> !k.startsWith("_")).sorted().toList()) + ")");
            }
        });
    }
}
