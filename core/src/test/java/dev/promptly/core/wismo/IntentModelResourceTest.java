package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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

    private static List<String> texts(List<Corpus.Message> messages) {
        return messages.stream().map(Corpus.Message::text).toList();
    }

    @Test
    void theModelLearnsFromTheTrainingSplitAndTheExtraTrainingFilesOnly() {
        // given the corpus' training split and the hand-written extra training files of each language (extra2 where present)
        var train = Corpus.load("train");
        List<Corpus.Message> extra = new ArrayList<>();
        for (String language : Corpus.LANGUAGES) {
            var file = Corpus.loadExtraTraining(language);
            assertTrue(file.size() >= 400, "extra " + language + " messages " + file.size());
            extra.addAll(file);
        }

        // when the trainer gathers what it learns from
        var training = IntentModelTrainer.trainingMessages();

        // then it is the training split followed by every extra file there is
        assertEquals(train, training.subList(0, train.size()));
        assertEquals(extra, training.subList(train.size(), training.size()));
        // and no held-out message's text is in an extra file, not even a chat one-liner
        var extraTexts = extra.stream().map(Corpus.Message::text).toList();
        for (String language : Corpus.LANGUAGES) {
            for (String split : List.of("dev", "test")) {
                assertTrue(java.util.Collections.disjoint(extraTexts, texts(Corpus.load(language, split))), language + " " + split);
                assertTrue(java.util.Collections.disjoint(extraTexts, texts(Corpus.loadBlind(language, split))),
                        language + " blind " + split);
            }
            for (String set : List.of("blind2", "blind3", "blind4", "blind5")) {
                assertTrue(java.util.Collections.disjoint(extraTexts, texts(Corpus.loadWriterTest(set, language))), language + " " + set);
            }
        }
        assertEquals(List.of(), Corpus.loadExtraTraining("xx"));
    }

    @Test
    void everyExtraTrainingFileThereIsIsReadInItsOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws IOException {
        // given a class path with the first and the second extra file of one language, and only the second of another
        var extra = root.resolve("corpus/extra");
        java.nio.file.Files.createDirectories(extra);
        String header = "subject,text,from,label,language,order_ref,kind,channel\n";
        java.nio.file.Files.writeString(extra.resolve("de-extra-train.csv"), header + ",wo bleibt 4711,,wismo,de,4711,where,chat\n");
        java.nio.file.Files.writeString(extra.resolve("de-extra2-train.csv"), header + ",bitte 4712 stornieren,,cancellation,de,4712,cancellation,chat\n");
        java.nio.file.Files.writeString(extra.resolve("en-extra2-train.csv"), header + ",please cancel 4713,,cancellation,en,4713,cancellation,chat\n");

        try (var resources = new java.net.URLClassLoader(new java.net.URL[] {root.toUri().toURL()}, null)) {
            // when each language's extra training is loaded
            var german = Corpus.loadExtraTraining("de", resources);
            var english = Corpus.loadExtraTraining("en", resources);

            // then both German files are read, first before second, and the English second file alone
            assertEquals(List.of("wo bleibt 4711", "bitte 4712 stornieren"), texts(german));
            assertEquals(List.of("please cancel 4713"), texts(english));
        }
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
