package dev.promptly.bench.jars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JarResourceCheck on small jars holding core's real classes, with and without what they load. */
class JarResourceCheckTest {
    private static final String INTENT_MODEL = "dev/promptly/core/wismo/IntentModel";
    private static final String MODEL = "dev/promptly/wismo/intent-model.bin.gz";
    private static final String PHRASE_BOOK = "dev/promptly/core/wismo/PhraseBook";

    @TempDir
    Path dir;

    private final JarResourceCheck check = new JarResourceCheck(FunctionJarResources.LOADED_BY_NAME);

    @Test
    void jarHoldingTheIntentModelClassWithoutTheModelIsMissingIt() throws IOException {
        // given a jar with core's IntentModel class but not the model it loads
        Path jar = JarReferenceCheckTest.jar(dir, Map.of(INTENT_MODEL + ".class", classFile(INTENT_MODEL)));

        // when it is checked
        var missing = check.missing(jar);

        // then the model is named, with the class that loads it (read from its constant pool)
        assertEquals(List.of(new JarResourceCheck.Missing(MODEL, INTENT_MODEL)), missing);
    }

    @Test
    void jarHoldingTheIntentModelClassAndTheModelHoldsWhatItLoads() throws IOException {
        // given a jar with the class and a model entry
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put(INTENT_MODEL + ".class", classFile(INTENT_MODEL));
        entries.put(MODEL, new byte[] {1});
        Path jar = JarReferenceCheckTest.jar(dir, entries);

        // when it is checked, then nothing is missing
        assertEquals(List.of(), check.missing(jar));
    }

    @Test
    void jarWithoutTheIntentModelClassNeedsNoModel() throws IOException {
        // given a jar with a Promptly class that loads nothing (InvalidPhraseException) and no model
        String other = "dev/promptly/core/wismo/InvalidPhraseException";
        Path jar = JarReferenceCheckTest.jar(dir, Map.of(other + ".class", classFile(other)));

        // when it is checked, then nothing is missing
        assertEquals(List.of(), check.missing(jar));
    }

    @Test
    void jarHoldingThePhraseBookClassNeedsEveryShippedPhraseBook() throws IOException {
        // given a jar with PhraseBook (whose file names LanguageData builds at run time) and only the English book
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put(PHRASE_BOOK + ".class", classFile(PHRASE_BOOK));
        entries.put("dev/promptly/wismo/en.txt", "@item = order\n".getBytes(StandardCharsets.UTF_8));
        Path jar = JarReferenceCheckTest.jar(dir, entries);

        // when it is checked
        var missing = check.missing(jar);

        // then the German book is missing, by the table's row for PhraseBook
        assertEquals(List.of(new JarResourceCheck.Missing("dev/promptly/wismo/de.txt", PHRASE_BOOK)), missing);
    }

    @Test
    void onlyFileNamesUnderPromptlysOwnFolderAreResources() {
        assertEquals(List.of(true, true, false, false, false, false, false),
                List.of(MODEL, "dev/promptly/holidays/public-holidays.bin.gz", "dev/promptly/templates/", "dev/promptly/wismo",
                        "dev/promptly/core/wismo/Phrase.class", "META-INF/services/x.y", "dev/promptly/\u0001/\u0001.txt")
                        .stream().map(JarResourceCheck::namesResource).toList());
    }

    /** A class file of core, as built (bench has core on its class path through the functions). */
    private static byte[] classFile(String internalName) throws IOException {
        try (var in = JarResourceCheckTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName + " on the class path");
            return in.readAllBytes();
        }
    }
}
