package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Detection measured on the corpus (src/test/resources/corpus, README there) with the shipped phrase books,
 * model and default threshold, per language and split. The targets hold on dev; the test split
 * is only ever measured, never tuned on (docs/performance.md): for it this test holds the measured floors, so that
 * a change that makes held-out detection worse fails. The hand-written blind sets (corpus/blind) are measured the
 * same way: dev held to the targets, test to floors. Writes the figures docs/performance.md quotes to
 * {@code core/target/detection-report.md}:
 * {@code mvn -o -B -pl core -am test -Dtest=DetectionCorpusTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DetectionCorpusTest {
    static final double MIN_PRECISION = 0.98;
    static final double MIN_RECALL = 0.95;
    static final double MIN_ORDER_REFERENCE = 0.97;
    /**
     * Just under what the held-out test split reached when measured (German 1.000 / 0.975, English 0.997 / 0.953
     * on the English corpus redrawn for issue 18, after the order-only questions and filler words), per
     * language: a change that loses a few held-out messages fails.
     */
    static final double TEST_FLOOR_PRECISION = 0.99;
    static final Map<String, Double> TEST_FLOOR_RECALL = Map.of("de", 0.985, "en", 0.95);
    private static final WismoDetector DETECTOR = new WismoDetector(Corpus.LANGUAGES);
    private static final List<String> REPORT = new ArrayList<>();
    private static final List<String> BLIND_REPORT = new ArrayList<>();
    private static final Map<WriterSet, List<String>> WRITER_REPORTS = new EnumMap<>(WriterSet.class);

    static {
        for (WriterSet writer : WriterSet.values()) {
            WRITER_REPORTS.put(writer, new ArrayList<>());
        }
    }

    /** Counts of one language and split. */
    record Figures(String language, String split, int messages, int truePositives, int falsePositives, int falseNegatives,
                   int referencesRight, int[][] confusion, long nanos) {
        double precision() {
            return truePositives / (double) Math.max(1, truePositives + falsePositives);
        }

        double recall() {
            return truePositives / (double) Math.max(1, truePositives + falseNegatives);
        }

        double references() {
            return referencesRight / (double) messages;
        }

        double intentPrecision(Intent intent) {
            int predicted = 0;
            for (int[] row : confusion) {
                predicted += row[intent.ordinal()];
            }
            return confusion[intent.ordinal()][intent.ordinal()] / (double) Math.max(1, predicted);
        }

        double intentRecall(Intent intent) {
            int actual = 0;
            for (int count : confusion[intent.ordinal()]) {
                actual += count;
            }
            return confusion[intent.ordinal()][intent.ordinal()] / (double) Math.max(1, actual);
        }
    }

    /**
     * Measures one language and split. A message counts as WISMO when the detector would answer it
     * ({@link WismoSignal#wismo()}), as {@code simulate}'s actions {@code wismo_answer}/{@code wismo_ask_reference}
     * do; its order reference is right when the numbers found are exactly the ones it gives, in order.
     */
    static Figures measure(String language, String split) {
        return measure(language, split, Corpus.load(language, split));
    }

    static Figures measure(String language, String split, List<Corpus.Message> messages) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int references = 0;
        int[][] confusion = new int[Intent.values().length][Intent.values().length];
        long start = System.nanoTime();
        for (Corpus.Message message : messages) {
            WismoSignal signal = DETECTOR.detect(message.subject(), message.text(), OrderNameFormat.SHOPIFY_DEFAULT);
            boolean wismo = message.label() == Intent.WISMO;
            if (signal.wismo()) {
                if (wismo) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (wismo) {
                fn++;
            }
            if (String.join(" ", signal.orderReferences()).equals(message.orderRef())) {
                references++;
            }
            Intent predicted = signal.intent() == Intent.WISMO && !signal.wismo() ? Intent.OTHER : signal.intent();
            confusion[message.label().ordinal()][predicted.ordinal()]++;
        }
        return new Figures(language, split, messages.size(), tp, fp, fn, references, confusion, System.nanoTime() - start);
    }

    @BeforeAll
    static void warmUp() {
        measure("de", "train");
        measure("en", "train");
    }

    @Test
    void onTheHeldOutSplitsWismoAndOrderReferencesAreFoundAtLeastAsWellAsMeasured() throws IOException {
        List<String> misses = new ArrayList<>();
        REPORT.add("| language | split | messages | precision | recall | order reference right | ms per message (warm) |");
        REPORT.add("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        List<Figures> all = new ArrayList<>();
        for (String language : Corpus.LANGUAGES) {
            for (String split : Corpus.SPLITS) {
                // given one language's split, when it is detected
                Figures figures = measure(language, split);
                all.add(figures);
                REPORT.add(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.2f |", language, split, figures.messages(),
                        figures.precision(), figures.recall(), figures.references(), figures.nanos() / 1e6 / figures.messages()));
                if (split.equals("train")) {
                    continue;
                }
                // then dev reaches the targets, and test its floors and the order reference target
                boolean dev = split.equals("dev");
                if (figures.precision() < (dev ? MIN_PRECISION : TEST_FLOOR_PRECISION) || figures.recall() < (dev ? MIN_RECALL : TEST_FLOOR_RECALL.get(language))
                        || figures.references() < MIN_ORDER_REFERENCE) {
                    misses.add(language + "/" + split + String.format(Locale.ROOT, ": precision %.3f, recall %.3f, order reference %.3f",
                            figures.precision(), figures.recall(), figures.references()));
                }
            }
        }
        addIntentTable(REPORT, all);
        assertTrue(misses.isEmpty(), String.join("; ", misses));
    }

    /** Per-intent precision and recall of the measured splits, as a table in the report. */
    private static void addIntentTable(List<String> report, List<Figures> all) {
        report.add("");
        report.add("Per intent (precision / recall; a WISMO intent below the threshold counts as `other`):");
        report.add("");
        StringBuilder header = new StringBuilder("| language | split |");
        StringBuilder rule = new StringBuilder("| --- | --- |");
        for (Intent intent : Intent.values()) {
            header.append(' ').append(intent.wire()).append(" |");
            rule.append(" ---: |");
        }
        report.add(header.toString());
        report.add(rule.toString());
        for (Figures figures : all) {
            StringBuilder row = new StringBuilder("| " + figures.language() + " | " + figures.split() + " |");
            for (Intent intent : Intent.values()) {
                row.append(String.format(Locale.ROOT, " %.2f / %.2f |", figures.intentPrecision(intent), figures.intentRecall(intent)));
            }
            report.add(row.toString());
        }
    }

    /**
     * The hand-written blind sets (corpus/blind, README "Blind sets"): written by someone who had not read the
     * phrase books or the corpus, so they measure how detection carries over to other writers. {@code dev} is
     * for error analysis and holds the targets; {@code test} is only measured and holds floors just under what
     * it measured (docs/performance.md, "Realistic mail and chat").
     */
    static final Map<String, double[]> BLIND_TEST_FLOORS = Map.of(
            // language -> minimum precision, recall, order reference right on blind-test
            "de", new double[] {0.975, 0.995, 0.975},
            "en", new double[] {0.985, 0.945, 0.98});

    @Test
    void onTheHandWrittenBlindSetsWismoAndOrderReferencesAreFoundAtLeastAsWellAsMeasured() {
        List<HeldOutSet> sets = new ArrayList<>();
        for (String language : Corpus.LANGUAGES) {
            // dev reaches the targets, test its floors
            sets.add(new HeldOutSet(language, "blind-dev", Corpus.loadBlind(language, "dev"),
                    new double[] {MIN_PRECISION, MIN_RECALL, MIN_ORDER_REFERENCE}));
            sets.add(new HeldOutSet(language, "blind-test", Corpus.loadBlind(language, "test"), BLIND_TEST_FLOORS.get(language)));
        }

        List<String> misses = measureAgainstFloors(BLIND_REPORT, "Hand-written blind sets (corpus/blind):", sets);

        assertTrue(misses.isEmpty(), String.join("; ", misses));
    }

    /**
     * The later writers' blind test sets, {@code corpus/<set>/<language>-<set>-test.csv} (README "Second blind writer"
     * and on): written by people who had seen neither the detector nor any corpus row, never read for fixes. Each is
     * held to floors just under what it measured (docs/performance.md, "Realistic mail and chat"): language ->
     * minimum precision, recall, order reference right.
     */
    enum WriterSet {
        /** The same writer's extra2 files train the model. */
        SECOND("blind2", Map.of("de", new double[] {0.97, 0.97, 0.985}, "en", new double[] {0.985, 0.965, 0.985})),
        /** Nothing of this writer trains the model. */
        THIRD("blind3", Map.of("de", new double[] {0.99, 0.945, 0.965}, "en", new double[] {0.99, 0.955, 0.975})),
        /** Nothing of this writer trains the model; the combination was chosen before these were first measured with it. */
        FOURTH("blind4", Map.of("de", new double[] {0.995, 0.955, 0.97}, "en", new double[] {0.995, 0.925, 0.98})),
        /** Nothing of this writer trains the model; their figures chose once between two models. */
        FIFTH("blind5", Map.of("de", new double[] {0.99, 0.915, 0.975}, "en", new double[] {0.995, 0.94, 0.97}));

        final String set;
        final Map<String, double[]> floors;

        WriterSet(String set, Map<String, double[]> floors) {
            this.set = set;
            this.floors = floors;
        }

        String title() {
            String ordinal = name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
            return ordinal + " writer's blind test sets (corpus/" + set + "):";
        }
    }

    @ParameterizedTest
    @EnumSource(WriterSet.class)
    void onEachLaterWritersBlindTestSetsWismoAndOrderReferencesAreFoundAtLeastAsWellAsMeasured(WriterSet writer) {
        List<String> misses = measureAgainstFloors(WRITER_REPORTS.get(writer), writer.title(), writerTestSets(writer.set, writer.floors));

        assertTrue(misses.isEmpty(), String.join("; ", misses));
    }

    /** One writer's test set of each language ({@code corpus/<set>/<language>-<set>-test.csv}) with its floors. */
    private static List<HeldOutSet> writerTestSets(String set, Map<String, double[]> floors) {
        List<HeldOutSet> sets = new ArrayList<>();
        for (String language : Corpus.LANGUAGES) {
            sets.add(new HeldOutSet(language, set + "-test", Corpus.loadWriterTest(set, language), floors.get(language)));
        }
        return sets;
    }

    /** A labelled set and the minimum precision, recall and order reference right it must reach. */
    private record HeldOutSet(String language, String split, List<Corpus.Message> messages, double[] floor) {
    }

    /** Detects every set, adds its rows and per-intent table to {@code report}, and names each set under its floor. */
    private static List<String> measureAgainstFloors(List<String> report, String title, List<HeldOutSet> sets) {
        List<String> misses = new ArrayList<>();
        List<Figures> all = new ArrayList<>();
        report.add("");
        report.add(title);
        report.add("");
        report.add("| language | split | messages | precision | recall | order reference right |");
        report.add("| --- | --- | ---: | ---: | ---: | ---: |");
        for (HeldOutSet set : sets) {
            Figures figures = measure(set.language(), set.split(), set.messages());
            all.add(figures);
            report.add(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f |", set.language(), set.split(),
                    figures.messages(), figures.precision(), figures.recall(), figures.references()));
            if (figures.precision() < set.floor()[0] || figures.recall() < set.floor()[1] || figures.references() < set.floor()[2]) {
                misses.add(set.language() + "/" + set.split() + String.format(Locale.ROOT, ": precision %.3f, recall %.3f, order reference %.3f",
                        figures.precision(), figures.recall(), figures.references()));
            }
        }
        addIntentTable(report, all);
        return misses;
    }

    /** Each test adds its block to the report; written once all have run, in the same order whatever the tests' order. */
    @AfterAll
    static void writeReport() throws IOException {
        Path report = Path.of("target", "detection-report.md");
        Files.createDirectories(report.getParent());
        List<String> lines = new ArrayList<>(REPORT);
        lines.addAll(BLIND_REPORT);
        WRITER_REPORTS.values().forEach(lines::addAll);
        Files.write(report, lines);
    }
}
