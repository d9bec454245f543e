package dev.promptly.core.wismo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The detection corpus in {@code src/test/resources/corpus/} (how it was made: its README): one file per
 * language and split, RFC 4180 CSV with a header row.
 */
final class Corpus {
    static final List<String> LANGUAGES = List.of("de", "en");
    static final List<String> SPLITS = List.of("train", "dev", "test");

    /** One labelled message; {@code orderRef} is the order number it gives, empty when none. */
    record Message(String subject, String text, String from, Intent label, String language, String orderRef, String kind, String channel) {
    }

    private Corpus() {
    }

    static List<Message> load(String language, String split) {
        return loadResource("corpus/" + language + "-" + split + ".csv");
    }

    /** A hand-written blind set, {@code corpus/blind/<language>-blind-<split>.csv} (README there, "Blind sets"). */
    static List<Message> loadBlind(String language, String split) {
        return loadResource("corpus/blind/" + language + "-blind-" + split + ".csv");
    }

    /**
     * Another writer's blind test set, {@code corpus/<set>/<language>-<set>-test.csv}: {@code blind2} (README "Second
     * blind writer"), {@code blind3} ("Third blind writer"), {@code blind4} ("Fourth blind writer") or {@code blind5} ("Fifth blind writer").
     */
    static List<Message> loadWriterTest(String set, String language) {
        return loadResource("corpus/" + set + "/" + language + "-" + set + "-test.csv");
    }

    /**
     * The names of the extra training files, in the order they are read: {@code corpus/extra/<language>-<name>-train.csv};
     * {@code extra11} to {@code extra14} exist in English only (corpus README, "Seventh round", "Eighth round").
     */
    static final List<String> EXTRA_TRAINING = List.of("extra", "extra2", "extra3", "extra4", "extra5", "extra6", "auto",
            "extra7", "extra8", "auto2", "extra9", "extra10", "extra11", "extra12", "extra13", "extra14");

    /**
     * Hand-written extra training messages: every {@code corpus/extra/<language>-<name>-train.csv} of
     * {@link #EXTRA_TRAINING} that exists, in that order, or none (README there, "Extra training data").
     */
    static List<Message> loadExtraTraining(String language) {
        return loadExtraTraining(language, Corpus.class.getClassLoader());
    }

    /** Whether {@code corpus/extra/<language>-<name>-train.csv} exists: a round may have trained one language only. */
    static boolean hasExtra(String language, String name) {
        return Corpus.class.getClassLoader().getResource("corpus/extra/" + language + "-" + name + "-train.csv") != null;
    }

    /** One extra training file, {@code corpus/extra/<language>-<name>-train.csv}, {@code name} one of {@link #EXTRA_TRAINING}. */
    static List<Message> loadExtra(String language, String name) {
        return loadResource("corpus/extra/" + language + "-" + name + "-train.csv");
    }

    static List<Message> loadExtraTraining(String language, ClassLoader resources) {
        List<Message> messages = new ArrayList<>();
        for (String name : EXTRA_TRAINING) {
            String path = "corpus/extra/" + language + "-" + name + "-train.csv";
            if (resources.getResource(path) != null) {
                messages.addAll(loadResource(path, resources));
            }
        }
        return messages;
    }

    private static List<Message> loadResource(String path) {
        return loadResource(path, Corpus.class.getClassLoader());
    }

    private static List<Message> loadResource(String path, ClassLoader resources) {
        try (InputStream in = resources.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            List<List<String>> rows = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> header = rows.get(0);
            List<Message> messages = new ArrayList<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                messages.add(new Message(emptyAsNull(row.get(header.indexOf("subject"))), row.get(header.indexOf("text")),
                        emptyAsNull(row.get(header.indexOf("from"))),
                        Intent.fromWire(row.get(header.indexOf("label"))).orElseThrow(), row.get(header.indexOf("language")),
                        row.get(header.indexOf("order_ref")), row.get(header.indexOf("kind")), row.get(header.indexOf("channel"))));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Message> load(String split) {
        List<Message> all = new ArrayList<>();
        LANGUAGES.forEach(language -> all.addAll(load(language, split)));
        return all;
    }

    private static String emptyAsNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** RFC 4180: fields in double quotes may hold commas, line breaks and doubled quotes. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
