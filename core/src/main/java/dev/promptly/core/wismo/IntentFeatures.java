package dev.promptly.core.wismo;

import dev.promptly.core.message.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link IntentModel} reads of a message: hashed features of the subject and of what the customer
 * wrote now (no quotes, no signature; see {@link MessageBody}). Words with umlauts dropped ("bestaetigung",
 * "bestätigung" and "bestatigung" are one word), neighbouring word pairs ("wo bleibt"), and the letter
 * 4-grams of each word with its edges ("_ver", "sand", "and_"), so a typo ("Sendungsverfolgng") still
 * shares most features with the word, and German compounds share their parts. Digits are reduced to their
 * shape ("#1001" and "#2002" are one feature), since numbers say nothing about intent. Subject words count
 * apart from text words: "Lieferung" as a subject says more than in a sentence.
 *
 * <p>Each distinct feature counts once; the vector is scaled to length 1, so long mails and one-liners
 * weigh alike. Features are hashed (FNV-1a, 32 bit) into {@link #BUCKETS} buckets: no vocabulary ships,
 * and any word, also an unseen one, has a place. Every feature remembers the word it came from, which is
 * what the explanation names.
 */
final class IntentFeatures {
    /** Buckets of the hashed feature space: 2^16, small enough that the model ships under 1 MB. */
    static final int BUCKETS = 1 << 16;
    private static final int GRAM = 4;
    /** Words read: a question comes first, and the cost stays bounded whatever the mail's size. */
    static final int MAX_WORDS = 400;

    /** One feature: its bucket, its weight in the vector, and the word (or words) it came from. */
    record Feature(int bucket, double value, String source) {
    }

    private IntentFeatures() {
    }

    static List<Feature> of(String subject, String text) {
        Map<String, String> features = new LinkedHashMap<>();
        add(features, Words.of(subject), "s");
        add(features, Words.of(text), "t");
        if (features.isEmpty()) {
            return List.of();
        }
        double value = 1 / Math.sqrt(features.size());
        List<Feature> out = new ArrayList<>(features.size());
        for (Map.Entry<String, String> feature : features.entrySet()) {
            out.add(new Feature(bucket(feature.getKey()), value, feature.getValue()));
        }
        return out;
    }

    private static void add(Map<String, String> into, List<String> words, String part) {
        String previous = null;
        int count = 0;
        for (String raw : words) {
            if (++count > MAX_WORDS) {
                break;
            }
            // String.concat, not +: a first message runs this interpreted, and + goes through method handles.
            String word = shape(raw);
            into.putIfAbsent(part.concat("w:").concat(word), raw);
            if (previous != null) {
                into.putIfAbsent(part.concat("b:").concat(previous).concat(" ").concat(word), previous.concat(" ").concat(raw));
            }
            if (!Words.hasDigit(word)) {
                String edged = "_".concat(word).concat("_");
                for (int i = 0; i + GRAM <= edged.length(); i++) {
                    into.putIfAbsent("g:".concat(edged.substring(i, i + GRAM)), raw);
                }
            }
            previous = word;
        }
    }

    /** Umlauts dropped, digits as their shape ("1001" is "0000"). */
    private static String shape(String word) {
        String plain = Words.dropUmlauts(word);
        if (!Words.hasDigit(plain)) {
            return plain;
        }
        StringBuilder shape = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            shape.append(Character.isDigit(c) ? '0' : c);
        }
        return shape.toString();
    }

    /** FNV-1a over the UTF-16 units: fixed, so training and detection agree on every machine. */
    static int bucket(String feature) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < feature.length(); i++) {
            hash ^= feature.charAt(i);
            hash *= 0x01000193;
        }
        return (hash & 0x7fffffff) % BUCKETS;
    }
}
