package dev.promptly.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.kpi.CsatTally;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.DurationHistogram;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.ResponseTimes;
import dev.promptly.core.kpi.SlaAttainment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored JSON of a day's KPI slices: {@code {"slices": [{"channel", "language", "intent", "counts": {…}}]}}, with
 * histograms as {@code {"<bucket>": count}}. Written and read only here, so the layout can grow with new counts
 * (absent counts read as zero).
 */
final class KpiDocuments {
    private KpiDocuments() {
    }

    static String write(DailyKpis day) {
        ObjectNode doc = JsonTrees.object();
        ArrayNode slices = doc.putArray("slices");
        day.slices().forEach((slice, counts) -> {
            ObjectNode s = slices.addObject();
            s.put("channel", slice.channel());
            s.put("language", slice.language());
            s.put("intent", slice.intent());
            s.set("counts", counts(counts));
        });
        try {
            return JsonTrees.writeString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("KPI document could not be written", e);
        }
    }

    static DailyKpis read(DailyKpis empty, String stored) {
        JsonNode doc;
        try {
            doc = JsonTrees.read(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored KPI document is not JSON", e);
        }
        DailyKpis day = empty;
        for (JsonNode s : doc.path("slices")) {
            day = day.plus(new KpiSlice(s.path("channel").asText(null), s.path("language").asText(null), s.path("intent").asText(null)),
                    counts(s.path("counts")));
        }
        return day;
    }

    private static ObjectNode counts(KpiCounts c) {
        ObjectNode n = JsonTrees.object();
        n.put("conversations", c.conversations());
        n.set("first_response", times(c.firstResponse()));
        n.set("next_response", times(c.nextResponse()));
        n.set("resolution", times(c.resolution()));
        ObjectNode sla = n.putObject("sla");
        c.sla().forEach((key, a) -> sla.putObject(key).put("met", a.met()).put("missed", a.missed()).put("warnings", a.warnings())
                .put("breaches", a.breaches()));
        n.put("solved", c.solved());
        n.put("solved_first_contact", c.solvedFirstContact());
        n.put("automated", c.automated());
        n.put("automation_decided", c.automationDecided());
        n.put("wismo_answers", c.wismoAnswers());
        n.put("wismo_asks", c.wismoAsks());
        n.put("delay_notices", c.delayNotices());
        n.put("contacts_prevented", c.contactsPrevented());
        n.put("contacts_anyway", c.contactsAnyway());
        ObjectNode csat = n.putObject("csat");
        csat.put("surveys_sent", c.csat().surveysSent());
        ArrayNode ratings = csat.putArray("ratings");
        c.csat().ratings().forEach(ratings::add);
        return n;
    }

    private static KpiCounts counts(JsonNode n) {
        Map<String, SlaAttainment> sla = new HashMap<>();
        n.path("sla").fields().forEachRemaining(e -> sla.put(e.getKey(), new SlaAttainment(e.getValue().path("met").asLong(),
                e.getValue().path("missed").asLong(), e.getValue().path("warnings").asLong(), e.getValue().path("breaches").asLong())));
        List<Long> ratings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ratings.add(n.path("csat").path("ratings").path(i).asLong());
        }
        return new KpiCounts(n.path("conversations").asLong(), times(n.path("first_response")), times(n.path("next_response")),
                times(n.path("resolution")), sla, n.path("solved").asLong(), n.path("solved_first_contact").asLong(),
                n.path("automated").asLong(), n.path("wismo_answers").asLong(), n.path("wismo_asks").asLong(),
                n.path("delay_notices").asLong(), n.path("contacts_prevented").asLong(), n.path("contacts_anyway").asLong(),
                new CsatTally(n.path("csat").path("surveys_sent").asLong(), ratings),
                // Days stored before the field existed were computed with every conversation decided.
                n.path("automation_decided").asLong(n.path("conversations").asLong()));
    }

    private static ObjectNode times(ResponseTimes times) {
        ObjectNode n = JsonTrees.object();
        n.set("calendar", histogram(times.calendar()));
        n.set("business", histogram(times.business()));
        return n;
    }

    private static ResponseTimes times(JsonNode n) {
        return new ResponseTimes(histogram(n.path("calendar")), histogram(n.path("business")));
    }

    private static ObjectNode histogram(DurationHistogram histogram) {
        ObjectNode n = JsonTrees.object();
        histogram.buckets().forEach((bucket, count) -> n.put(Integer.toString(bucket), count));
        return n;
    }

    private static DurationHistogram histogram(JsonNode n) {
        Map<Integer, Long> buckets = new HashMap<>();
        n.fields().forEachRemaining(e -> buckets.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
        return new DurationHistogram(buckets);
    }
}
