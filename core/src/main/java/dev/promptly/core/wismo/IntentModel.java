package dev.promptly.core.wismo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A multinomial logistic regression over {@link IntentFeatures}: for each {@link Intent} a weight per
 * feature bucket and a bias, the probabilities a softmax of the sums. It learns from the corpus what phrase
 * books cannot list: the many ways of asking the same thing, typos, and the words around them.
 *
 * <p>Shipped as {@value #RESOURCE}, written by {@code IntentModelTrainer} (core's tests) from the corpus'
 * training split and extra training files: gzip of {@code "PIM1"}, the bucket count, the intents by wire name, then per intent its
 * bias (float), its scale (float) and one signed byte per bucket (weight = byte × scale). Bytes, not floats,
 * keep it well under 1 MB; the rounding moves probabilities by less than a percent.
 *
 * <p>Immutable and thread-safe.
 */
final class IntentModel {
    static final String RESOURCE = "dev/promptly/wismo/intent-model.bin.gz";
    private static final int MAGIC = 0x50494d31; // "PIM1"
    /** How many words an explanation names at most. */
    static final int MAX_DRIVERS = 3;

    private final Intent[] intents;
    private final float[] bias;
    private final float[] scale;
    private final byte[][] weights;

    IntentModel(Intent[] intents, float[] bias, float[] scale, byte[][] weights) {
        this.intents = intents.clone();
        this.bias = bias.clone();
        this.scale = scale.clone();
        this.weights = weights.clone();
    }

    /** The shipped model. @throws IllegalStateException when the resource is missing or malformed */
    static IntentModel shipped() {
        try (InputStream in = IntentModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the intent model is missing from the class path: " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IntentModel read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16));
        if (in.readInt() != MAGIC) {
            throw new IllegalStateException(RESOURCE + ": not an intent model");
        }
        int buckets = in.readInt();
        if (buckets != IntentFeatures.BUCKETS) {
            throw new IllegalStateException(RESOURCE + ": " + buckets + " buckets, expected " + IntentFeatures.BUCKETS);
        }
        int count = in.readInt();
        Intent[] intents = new Intent[count];
        float[] bias = new float[count];
        float[] scale = new float[count];
        byte[][] weights = new byte[count][buckets];
        for (int c = 0; c < count; c++) {
            String wire = in.readUTF();
            intents[c] = Intent.fromWire(wire).orElseThrow(() -> new IllegalStateException(RESOURCE + ": unknown intent " + wire));
            bias[c] = in.readFloat();
            scale[c] = in.readFloat();
            in.readFully(weights[c]);
        }
        return new IntentModel(intents, bias, scale, weights);
    }

    /** Writes the model as {@link #read} reads it; the same model always gives the same bytes. */
    void write(OutputStream raw) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(raw, 1 << 16);
        DataOutputStream out = new DataOutputStream(gzip);
        out.writeInt(MAGIC);
        out.writeInt(IntentFeatures.BUCKETS);
        out.writeInt(intents.length);
        for (int c = 0; c < intents.length; c++) {
            out.writeUTF(intents[c].wire());
            out.writeFloat(bias[c]);
            out.writeFloat(scale[c]);
            out.write(weights[c]);
        }
        out.flush();
        gzip.finish();
    }

    /** The probability of each intent, summing to 1. */
    Map<Intent, Double> probabilities(List<IntentFeatures.Feature> features) {
        double[] sums = new double[intents.length];
        for (int c = 0; c < intents.length; c++) {
            double sum = bias[c];
            for (IntentFeatures.Feature feature : features) {
                sum += feature.value() * weights[c][feature.bucket()] * scale[c];
            }
            sums[c] = sum;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double sum : sums) {
            max = Math.max(max, sum);
        }
        double total = 0;
        for (int c = 0; c < sums.length; c++) {
            sums[c] = Math.exp(sums[c] - max);
            total += sums[c];
        }
        Map<Intent, Double> probabilities = new EnumMap<>(Intent.class);
        for (int c = 0; c < intents.length; c++) {
            probabilities.put(intents[c], sums[c] / total);
        }
        return probabilities;
    }

    /**
     * The words that speak most for {@code intent} against the other intents, strongest first: per word,
     * the sum over its features of the feature's weight for the intent minus its mean weight.
     */
    List<String> drivers(List<IntentFeatures.Feature> features, Intent intent) {
        int target = -1;
        for (int c = 0; c < intents.length; c++) {
            if (intents[c] == intent) {
                target = c;
            }
        }
        if (target < 0) {
            return List.of();
        }
        Map<String, Double> bySource = new LinkedHashMap<>();
        for (IntentFeatures.Feature feature : features) {
            double mean = 0;
            for (int c = 0; c < intents.length; c++) {
                mean += weights[c][feature.bucket()] * scale[c];
            }
            mean /= intents.length;
            double margin = feature.value() * (weights[target][feature.bucket()] * scale[target] - mean);
            Double sum = bySource.get(feature.source());
            bySource.put(feature.source(), sum == null ? margin : sum + margin);
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        for (Map.Entry<String, Double> entry : bySource.entrySet()) {
            if (!(entry.getValue() <= 0)) {
                ranked.add(entry);
            }
        }
        // The first MAX_DRIVERS of a stable sort by value, largest first: each round takes the earliest of the
        // largest left. Loops, not a comparator and a stream, which a cold start's first message paid for.
        List<String> drivers = new ArrayList<>(MAX_DRIVERS);
        boolean[] taken = new boolean[ranked.size()];
        for (int round = 0; round < MAX_DRIVERS && round < ranked.size(); round++) {
            int best = -1;
            for (int i = 0; i < ranked.size(); i++) {
                if (!taken[i] && (best < 0 || Double.compare(ranked.get(i).getValue(), ranked.get(best).getValue()) > 0)) {
                    best = i;
                }
            }
            taken[best] = true;
            drivers.add(ranked.get(best).getKey());
        }
        return List.copyOf(drivers);
    }
}
