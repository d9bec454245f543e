package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The shipped intent model: what training gives, small, and read the same way every time. */
class IntentModelResourceTest {

    private static byte[] shippedBytes() throws IOException {
        try (InputStream in = IntentModel.class.getClassLoader().getResourceAsStream(IntentModel.RESOURCE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theShippedModelIsExactlyWhatTrainingOnTheTrainingSplitGives() throws IOException {
        // given the training split of the corpus and the extra training files
        var training = IntentModelTrainer.trainingMessages();

        // when the model is trained from it
        IntentModel trained = IntentModelTrainer.train(training);
        if ("write".equals(System.getProperty("promptly.train"))) {
            IntentModelTrainer.write(trained);
            return;
        }

        // then it is byte for byte the shipped resource: the resource is reproducible from the repository
        assertArrayEquals(IntentModelTrainer.bytes(trained), shippedBytes(),
                "retrain with -Dpromptly.train=write (see IntentModelTrainer) after changing the corpus or the features");
    }

    @Test
    void trainingUsesTheTrainSplitAndTheExtraTrainingFilesButNoHeldOutMessages() {
        // given the train split and the extra training files
        var split = Corpus.load("train");
        var extra = Corpus.loadExtraTraining();

        // when the training messages are gathered
        var training = IntentModelTrainer.trainingMessages();

        // then they are exactly both, the German extra file among them, and no dev, test or blind message
        assertTrue(extra.stream().filter(message -> message.language().equals("de")).count() >= 400, "German extra file");
        assertEquals(split.size() + extra.size(), training.size());
        var heldOut = new java.util.HashSet<>(Corpus.load("dev"));
        heldOut.addAll(Corpus.load("test"));
        Corpus.LANGUAGES.forEach(language -> {
            heldOut.addAll(Corpus.loadBlind(language, "dev"));
            heldOut.addAll(Corpus.loadBlind(language, "test"));
        });
        assertTrue(extra.stream().noneMatch(heldOut::contains), "an extra training message is a held-out one");
    }

    @Test
    void theShippedModelIsUnderOneMegabyteAndReadsTheSameEveryTime() throws IOException {
        // given the shipped resource
        byte[] shipped = shippedBytes();

        // when it is read twice
        IntentModel first = IntentModel.shipped();
        IntentModel second = IntentModel.shipped();

        // then it is small, and both reads write back the same bytes
        assertTrue(shipped.length < 1_000_000, "size " + shipped.length);
        assertArrayEquals(IntentModelTrainer.bytes(first), IntentModelTrainer.bytes(second));
        assertArrayEquals(shipped, IntentModelTrainer.bytes(first));
    }

    @Test
    void aModelWithAnUnexpectedBucketCountIsRefused() {
        // given bytes that claim another feature space
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(bytes))) {
            out.writeInt(0x50494d31);
            out.writeInt(1024);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // when read, then it is refused with a message naming the mismatch
        var problem = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> IntentModel.read(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(IntentModel.RESOURCE + ": 1024 buckets, expected " + IntentFeatures.BUCKETS, problem.getMessage());
    }
}
