package dev.promptly.core.wismo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the shipped {@link IntentModel} from the corpus' training split and the extra training files
 * (never dev, test or blind sets; {@link #trainingMessages()}):
 * stochastic gradient descent on the softmax loss, a fixed number of passes in an order shuffled with a
 * fixed seed, then the weights rounded to bytes. Deterministic: the same corpus gives the same bytes.
 *
 * <p>Run from the repository root to write the resource:
 * {@code mvn -o -B -pl core -am test -Dtest=IntentModelResourceTest -Dsurefire.failIfNoSpecifiedTests=false -Dpromptly.train=write}.
 */
final class IntentModelTrainer {
    static final Path RESOURCE_SOURCE = Path.of("src/main/resources").resolve(IntentModel.RESOURCE);
    private static final int PASSES = 12;
    private static final double LEARNING_RATE = 0.4;
    private static final double L2 = 1e-4;
    private static final long SEED = 2026;

    private IntentModelTrainer() {
    }

    /** The training split of every language, then every extra training file there is ({@link Corpus#loadExtraTraining}). */
    static List<Corpus.Message> trainingMessages() {
        List<Corpus.Message> messages = new ArrayList<>(Corpus.load("train"));
        Corpus.LANGUAGES.forEach(language -> messages.addAll(Corpus.loadExtraTraining(language)));
        return messages;
    }

    static IntentModel train(List<Corpus.Message> messages) {
        return train(messages, PASSES, L2);
    }

    static IntentModel train(List<Corpus.Message> messages, int passes, double l2) {
        WismoDetector reader = new WismoDetector(Corpus.LANGUAGES, Map.of(), Map.of(), WismoDetector.DEFAULT_THRESHOLD, null);
        Intent[] intents = Intent.values();
        List<List<IntentFeatures.Feature>> inputs = new ArrayList<>();
        int[] labels = new int[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            inputs.add(reader.features(messages.get(i).subject(), messages.get(i).text()));
            labels[i] = messages.get(i).label().ordinal();
        }
        double[][] w = new double[intents.length][IntentFeatures.BUCKETS];
        double[] b = new double[intents.length];
        int[] order = new int[messages.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(SEED);
        double[] p = new double[intents.length];
        for (int pass = 0; pass < passes; pass++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double rate = LEARNING_RATE / (1 + pass * 0.3);
            for (int index : order) {
                List<IntentFeatures.Feature> x = inputs.get(index);
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < intents.length; c++) {
                    double sum = b[c];
                    for (IntentFeatures.Feature f : x) {
                        sum += f.value() * w[c][f.bucket()];
                    }
                    p[c] = sum;
                    max = Math.max(max, sum);
                }
                double total = 0;
                for (int c = 0; c < intents.length; c++) {
                    p[c] = Math.exp(p[c] - max);
                    total += p[c];
                }
                for (int c = 0; c < intents.length; c++) {
                    double gradient = p[c] / total - (labels[index] == c ? 1 : 0);
                    b[c] -= rate * gradient;
                    for (IntentFeatures.Feature f : x) {
                        w[c][f.bucket()] -= rate * (gradient * f.value() + l2 * w[c][f.bucket()]);
                    }
                }
            }
        }
        float[] bias = new float[intents.length];
        float[] scale = new float[intents.length];
        byte[][] bytes = new byte[intents.length][IntentFeatures.BUCKETS];
        for (int c = 0; c < intents.length; c++) {
            double max = 1e-9;
            for (double weight : w[c]) {
                max = Math.max(max, Math.abs(weight));
            }
            scale[c] = (float) (max / 127);
            bias[c] = (float) b[c];
            for (int k = 0; k < IntentFeatures.BUCKETS; k++) {
                bytes[c][k] = (byte) Math.round(w[c][k] / scale[c]);
            }
        }
        return new IntentModel(intents, bias, scale, bytes);
    }

    static byte[] bytes(IntentModel model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(IntentModel model) throws IOException {
        Files.createDirectories(RESOURCE_SOURCE.getParent());
        Files.write(RESOURCE_SOURCE, bytes(model));
    }
}
