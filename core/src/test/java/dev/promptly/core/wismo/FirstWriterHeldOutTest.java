package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How detection carries over to the first hand-writer (corpus/extra/*-extra-train.csv, README "Extra training data"),
 * read with a model trained on everything else the shipped one learns from: the same leave-one-writer-out measure as
 * {@link SecondWriterHeldOutTest}. This writer's errors fixed the phrase books too, so the figures flatter them a
 * little. Measured with the combination of issue 18 (model alone when very sure, side requests): German 1.000 / 0.931,
 * English 1.000 / 0.906 (precision / recall), under the 0.95 recall target; held to floors just under that, so a
 * change that loses this writer's questions fails.
 */
class FirstWriterHeldOutTest {
    static final double FLOOR_PRECISION = 0.98;
    static final double FLOOR_RECALL = 0.9;

    @Test
    void withAModelThatNeverSawTheFirstWriterTheirWismoQuestionsAreFoundAtLeastAsWellAsMeasured() {
        // given a model trained on the training split and every extra file but the first writer's
        // when the first writer's messages are detected with it
        List<String> misses = SecondWriterHeldOutTest.missesWithAModelWithout("extra", FLOOR_PRECISION, FLOOR_RECALL);

        // then precision and recall reach the floors
        assertTrue(misses.isEmpty(), String.join("; ", misses));
    }
}
