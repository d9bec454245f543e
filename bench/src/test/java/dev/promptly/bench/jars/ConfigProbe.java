package dev.promptly.bench.jars;

import dev.promptly.config.ConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by ConfigInFunctionJarsTest in a child JVM on one function jar alone: parses the example configuration
 * with a shop phrase that uses a word class of the shipped English phrase book, then with one naming an unknown
 * class, and says whether the jar has IntentModel. Prints one line each.
 */
public final class ConfigProbe {
    private ConfigProbe() {
    }

    public static void main(String[] args) throws Exception {
        String json = Files.readString(Path.of(args[0]));
        ConfigParser.parse(withPhrase(json, "where ... @my @item"), "probe", true);
        System.out.println("parsed");
        try {
            ConfigParser.parse(withPhrase(json, "where ... @nothing"), "probe", true);
            System.out.println("accepted an unknown word class");
        } catch (RuntimeException e) {
            System.out.println("refused: " + e.getMessage().lines().filter(line -> line.contains("extra_phrases")).findFirst().orElse(e.getMessage()));
        }
        try {
            Class.forName("dev.promptly.core.wismo.IntentModel", false, ConfigProbe.class.getClassLoader());
            System.out.println("IntentModel in the jar");
        } catch (ClassNotFoundException e) {
            System.out.println("no IntentModel");
        }
    }

    /** The example configuration with its first (empty) {@code extra_phrases} holding one English phrase. */
    private static String withPhrase(String json, String phrase) {
        String empty = "\"extra_phrases\": {}";
        if (!json.contains(empty)) {
            throw new IllegalStateException("the example configuration has no empty extra_phrases");
        }
        return json.replaceFirst(java.util.regex.Pattern.quote(empty), "\"extra_phrases\": {\"en\": [\"" + phrase + "\"]}");
    }
}
