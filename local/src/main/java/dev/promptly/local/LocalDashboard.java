package dev.promptly.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.CsatRatings;
import dev.promptly.app.port.KpiStore;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.wismo.Intent;
import dev.promptly.core.sla.AlertStage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reads behind the dashboard's two own routes: {@code GET /local/dashboard/conversations} (the filtered,
 * risk-ordered list, see {@link DashboardConversations}) and {@code GET /local/dashboard/kpis} (the last 14 days'
 * totals and charts, see {@link DashboardKpis}). Local only: a few item reads per conversation shown.
 */
final class LocalDashboard {
    private final PromptlyConfig config;
    private final DynamoConversationStore conversations;
    private final DynamoOrderStore orders;
    private final AgentActivity agents;
    private final CsatRatings surveys;
    private final KpiStore kpis;
    private final Clock clock;

    LocalDashboard(PromptlyConfig config, DynamoConversationStore conversations, DynamoOrderStore orders, AgentActivity agents,
                   CsatRatings surveys, KpiStore kpis, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.surveys = Objects.requireNonNull(surveys, "surveys");
        this.kpis = Objects.requireNonNull(kpis, "kpis");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The conversations the filter takes, of every shop it takes, most urgent first. */
    ArrayNode conversations(DashboardConversations.Filter filter) {
        Instant now = clock.instant();
        List<DashboardConversations.Row> rows = new ArrayList<>();
        for (ShopDomain shop : filter.shops(config)) {
            ShopConfig shopConfig = config.shop(shop).orElseThrow();
            List<Duration> warnings = shopConfig.sla().plan().stages().stream().filter(s -> s.kind() == AlertStage.Kind.WARNING)
                    .map(AlertStage::offset).toList();
            for (Conversation c : conversations.list(shop)) {
                if (!filter.accepts(c)) {
                    continue;
                }
                JsonNode sla = agents.view(shop, c.id()).orElse(null);
                Optional<String> orderName = c.orderId() == null ? Optional.empty()
                        : orders.load(shop, c.orderId()).map(stored -> stored.order().name());
                rows.add(new DashboardConversations.Row(c, shopConfig.timeZone(), sla, warnings, conversations.ackDecision(shop, c.id()),
                        orderName, surveys.outcome(shop, c.id())));
            }
        }
        return DashboardConversations.json(rows, now);
    }

    /**
     * The KPI block of one shop, or of every configured shop added up date by date when {@code shop} is null; the
     * 14 days end today in the shop's zone (for every shop: the latest of their todays).
     */
    ObjectNode kpis(ShopDomain shop, String channel, String intent) {
        List<ShopConfig> shops = config.shops().values().stream().filter(s -> shop == null || s.domain().equals(shop)).toList();
        LocalDate today = shops.stream().map(s -> LocalDate.ofInstant(clock.instant(), s.timeZone())).max(LocalDate::compareTo)
                .orElse(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        List<DailyKpis> days = new ArrayList<>();
        shops.forEach(s -> days.addAll(kpis.days(s.domain(), DashboardKpis.from(today), today)));
        ObjectNode node = DashboardKpis.json(days, today, channel, intent);
        node.put("shop", shop == null ? null : shop.value());
        // What the filters offer, from the enums the server checks them against.
        ObjectNode choices = node.putObject("choices");
        ArrayNode statuses = choices.putArray("statuses");
        Arrays.stream(ConversationStatus.values()).forEach(v -> statuses.add(v.wire()));
        ArrayNode channels = choices.putArray("channels");
        Arrays.stream(Channel.values()).forEach(v -> channels.add(v.wire()));
        ArrayNode intents = choices.putArray("intents");
        Arrays.stream(Intent.values()).forEach(v -> intents.add(v.wire()));
        intents.add(KpiSlice.NONE);
        if (shops.size() == 1) {
            node.put("time_zone", shops.get(0).timeZone().getId());
            node.put("now_local", DashboardConversations.local(clock.instant(), shops.get(0).timeZone()));
        }
        return node;
    }

    /** An order's times as its shop's team reads them, beside the ISO ones: placed, and its delay notices and next check. */
    static void localTimes(ObjectNode order, ShopConfig shop) {
        var zone = shop.timeZone();
        order.put("time_zone", zone.getId());
        JsonNode created = order.path("created_at");
        order.put("created_local", created.isTextual() ? DashboardConversations.local(Instant.parse(created.asText()), zone) : null);
        JsonNode delay = order.path("delay");
        if (delay instanceof ObjectNode d) {
            d.path("notices").forEach(n -> ((ObjectNode) n).put("decided_local",
                    DashboardConversations.local(Instant.parse(n.path("decided_at").asText()), zone)));
            JsonNode next = d.path("next_check_at");
            d.put("next_check_local", next.isTextual() ? DashboardConversations.local(Instant.parse(next.asText()), zone) : null);
        }
    }
}
