package dev.promptly.local.simulate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.wismo.Intent;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The totals of a simulation run: messages per detected intent and per action, and, when positive labels
 * are given, how well WISMO was detected against the labels.
 *
 * <p>Metrics count only rows with a label that is not ignored: a row is positive when its label is one of
 * the positive labels, predicted positive when it is detected as WISMO (confidence at the shop's
 * threshold). Precision, recall and F1 are 0 when undefined (nothing predicted, or nothing positive).
 * Not thread-safe: one run fills one report.
 */
public final class SimulationReport {
    private final Set<String> positiveLabels;
    private final Set<String> ignoredLabels;
    private final Map<Intent, Integer> intents = new EnumMap<>(Intent.class);
    private final Map<SimulationAction, Integer> actions = new EnumMap<>(SimulationAction.class);
    private int total;
    private int tp;
    private int fp;
    private int fn;
    private int tn;
    private IntentConfusion confusion;

    public SimulationReport(Set<String> positiveLabels, Set<String> ignoredLabels) {
        this.positiveLabels = Set.copyOf(positiveLabels);
        this.ignoredLabels = Set.copyOf(ignoredLabels);
        for (Intent intent : Intent.values()) {
            intents.put(intent, 0);
        }
        for (SimulationAction action : SimulationAction.values()) {
            actions.put(action, 0);
        }
    }

    /**
     * Counts one message.
     *
     * @param label the row's label, or {@code null} or blank when it has none
     */
    public void add(Intent intent, SimulationAction action, boolean predictedWismo, String label) {
        total++;
        intents.merge(intent, 1, Integer::sum);
        actions.merge(action, 1, Integer::sum);
        if (label == null || label.isBlank() || ignoredLabels.contains(label.strip())) {
            return;
        }
        boolean positive = positiveLabels.contains(label.strip());
        if (positive && predictedWismo) {
            tp++;
        } else if (positive) {
            fn++;
        } else if (predictedWismo) {
            fp++;
        } else {
            tn++;
        }
    }

    /**
     * Counts one labelled message in the per-intent confusion table ({@code --label-map}), which the report
     * then has; rows with an ignored label are left out, as from the metrics.
     *
     * @param labelled the intent the row's label means, or empty when it names none
     * @param decided the intent the decision acts on ({@link IntentConfusion#decided})
     */
    public void addToConfusion(String label, Optional<Intent> labelled, Intent decided) {
        if (confusion == null) {
            confusion = new IntentConfusion();
        }
        if (label == null || label.isBlank() || ignoredLabels.contains(label.strip())) {
            return;
        }
        labelled.ifPresentOrElse(intent -> confusion.add(intent, decided), confusion::addUnmapped);
    }

    /**
     * One line for the terminal: the messages, the actions and, with labels, precision and recall, e.g.
     * {@code 12 messages: 3 wismo_answer, 1 wismo_ask_reference, 6 acknowledge, 2 no_reply; precision 1.0, recall 0.8}.
     */
    public String summary() {
        StringBuilder line = new StringBuilder().append(total).append(total == 1 ? " message: " : " messages: ");
        line.append(String.join(", ", actions.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().wire()).toList()));
        if (!positiveLabels.isEmpty()) {
            line.append("; precision ").append(rounded(ratio(tp, tp + fp))).append(", recall ").append(rounded(ratio(tp, tp + fn)));
        }
        return line.toString();
    }

    /**
     * The report as JSON: the {@code shop} and WISMO {@code threshold} it was made with, {@code total},
     * {@code intents} and {@code actions} (every one, with 0 when none), with positive labels {@code metrics}, and
     * with a label map {@code confusion} ({@link IntentConfusion#toJson()}).
     */
    public ObjectNode toJson(String shop, double threshold) {
        var json = JsonNodeFactory.instance.objectNode();
        json.put("shop", shop);
        json.put("threshold", threshold);
        json.put("total", total);
        ObjectNode byIntent = json.putObject("intents");
        intents.forEach((intent, count) -> byIntent.put(intent.wire(), count));
        ObjectNode byAction = json.putObject("actions");
        actions.forEach((action, count) -> byAction.put(action.wire(), count));
        if (!positiveLabels.isEmpty()) {
            double precision = ratio(tp, tp + fp);
            double recall = ratio(tp, tp + fn);
            ObjectNode metrics = json.putObject("metrics");
            metrics.put("tp", tp);
            metrics.put("fp", fp);
            metrics.put("fn", fn);
            metrics.put("tn", tn);
            metrics.put("precision", rounded(precision));
            metrics.put("recall", rounded(recall));
            metrics.put("f1", rounded(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)));
        }
        if (confusion != null) {
            json.set("confusion", confusion.toJson());
        }
        return json;
    }

    static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Four decimals: enough to compare runs, stable across platforms. */
    static double rounded(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
