package dev.promptly.local.simulate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.wismo.Intent;
import java.util.EnumMap;
import java.util.Map;

/**
 * The per-intent confusion table of a labelled run: for each labelled intent, how many of its messages
 * were decided as each intent, and per intent its precision and recall. The decided intent follows the
 * threshold, as the reply does: a WISMO guess below it counts as {@code other}. Not thread-safe.
 */
final class IntentConfusion {
    private final Map<Intent, Map<Intent, Integer>> counts = new EnumMap<>(Intent.class);
    private int unmapped;

    /** The intent a decision acts on: WISMO only at the threshold, since below it the message is merely acknowledged. */
    static Intent decided(Intent intent, boolean wismo) {
        return intent == Intent.WISMO && !wismo ? Intent.OTHER : intent;
    }

    void add(Intent labelled, Intent decided) {
        counts.computeIfAbsent(labelled, k -> new EnumMap<>(Intent.class)).merge(decided, 1, Integer::sum);
    }

    /** A labelled row whose label names no intent: counted, so a typo in the map does not go unnoticed. */
    void addUnmapped() {
        unmapped++;
    }

    /**
     * {@code table}: labelled intent to decided intent to count (every intent, 0 when none);
     * {@code per_intent}: {@code support} (labelled), {@code decided}, {@code tp}, {@code precision},
     * {@code recall} (0 when undefined); {@code unmapped_labels}: rows whose label names no intent.
     */
    ObjectNode toJson() {
        var json = JsonNodeFactory.instance.objectNode();
        ObjectNode table = json.putObject("table");
        ObjectNode perIntent = json.putObject("per_intent");
        for (Intent labelled : Intent.values()) {
            ObjectNode row = table.putObject(labelled.wire());
            for (Intent decided : Intent.values()) {
                row.put(decided.wire(), count(labelled, decided));
            }
        }
        for (Intent intent : Intent.values()) {
            int support = 0;
            int decided = 0;
            for (Intent other : Intent.values()) {
                support += count(intent, other);
                decided += count(other, intent);
            }
            int tp = count(intent, intent);
            ObjectNode metrics = perIntent.putObject(intent.wire());
            metrics.put("support", support);
            metrics.put("decided", decided);
            metrics.put("tp", tp);
            metrics.put("precision", SimulationReport.rounded(SimulationReport.ratio(tp, decided)));
            metrics.put("recall", SimulationReport.rounded(SimulationReport.ratio(tp, support)));
        }
        json.put("unmapped_labels", unmapped);
        return json;
    }

    private int count(Intent labelled, Intent decided) {
        return counts.getOrDefault(labelled, Map.of()).getOrDefault(decided, 0);
    }
}
