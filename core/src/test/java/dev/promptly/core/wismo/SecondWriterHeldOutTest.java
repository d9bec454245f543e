package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How detection carries over to a writer the model has not learned from: the second writer's extra training
 * files (corpus/extra/*-extra2-train.csv, README "Second blind writer") measured with a model trained on everything
 * else the shipped one learns from, so only the phrase books know that writer's style (issue 18). These files are
 * the error-analysis set for that writer; the writer's test files (corpus/blind2) are only measured, in
 * {@link DetectionCorpusTest}. Measured when the phrase books were last fixed from them: German 1.000 / 0.965,
 * English 0.995 / 0.975 (precision / recall); since the model may answer alone and side requests no longer veto
 * (issue 18): German 1.000 / 0.975, English 0.995 / 0.990; the targets hold.
 */
class SecondWriterHeldOutTest {

    @Test
    void withAModelThatNeverSawTheSecondWriterTheirWismoQuestionsAreStillFound() {
        // given a model trained on the training split and every extra file but the second writer's
        // when the second writer's messages are detected with it
        List<String> misses = missesWithAModelWithout("extra2", DetectionCorpusTest.MIN_PRECISION, DetectionCorpusTest.MIN_RECALL);

        // then precision and recall reach the targets
        assertTrue(misses.isEmpty(), String.join("; ", misses));
    }

    /**
     * Trains a model on the training split and every extra file but {@code held} ({@link Corpus#EXTRA_TRAINING}), detects
     * that file's messages of each language with it, and names each language under {@code minPrecision} or {@code minRecall}.
     */
    static List<String> missesWithAModelWithout(String held, double minPrecision, double minRecall) {
        List<Corpus.Message> training = new ArrayList<>(Corpus.load("train"));
        Corpus.LANGUAGES.forEach(language -> Corpus.EXTRA_TRAINING.stream()
                .filter(name -> !name.equals(held) && Corpus.hasExtra(language, name))
                .forEach(name -> training.addAll(Corpus.loadExtra(language, name))));
        WismoDetector detector = new WismoDetector(Corpus.LANGUAGES, Map.of(), Map.of(), WismoDetector.DEFAULT_THRESHOLD,
                IntentModelTrainer.train(training));

        List<String> misses = new ArrayList<>();
        for (String language : Corpus.LANGUAGES) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (Corpus.Message message : Corpus.loadExtra(language, held)) {
                boolean said = detector.detect(message.subject(), message.text(), OrderNameFormat.SHOPIFY_DEFAULT).wismo();
                boolean wismo = message.label() == Intent.WISMO;
                tp += said && wismo ? 1 : 0;
                fp += said && !wismo ? 1 : 0;
                fn += !said && wismo ? 1 : 0;
            }
            double precision = tp / (double) Math.max(1, tp + fp);
            double recall = tp / (double) Math.max(1, tp + fn);
            if (precision < minPrecision || recall < minRecall) {
                misses.add(String.format(Locale.ROOT, "%s %s: precision %.3f, recall %.3f", language, held, precision, recall));
            }
        }
        return misses;
    }
}
