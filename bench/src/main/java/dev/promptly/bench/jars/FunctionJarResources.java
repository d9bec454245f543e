package dev.promptly.bench.jars;

import java.util.List;

/**
 * The resources Promptly's classes load by names their constant pools do not hold whole, which JarResourceCheck
 * therefore cannot read from them: LanguageData's {@code dev/promptly/<kind>/<language>.txt}, built at run time
 * (rows for the languages Promptly ships, de and en), and the holiday table, named relative to its class. A
 * class in a jar requires its files there. Names a class holds whole (IntentModel's
 * {@code dev/promptly/wismo/intent-model.bin.gz}) need no row: the check reads them from the class.
 */
public final class FunctionJarResources {
    private FunctionJarResources() {
    }

    public static final List<JarResourceCheck.Loads> LOADED_BY_NAME = List.of(
            new JarResourceCheck.Loads("dev/promptly/core/wismo/PhraseBook",
                    List.of("dev/promptly/wismo/de.txt", "dev/promptly/wismo/en.txt"),
                    "the phrase books: the detector reads them whole, ShopPhrases (configuration) their word classes"),
            new JarResourceCheck.Loads("dev/promptly/core/message/TopicDetector",
                    List.of("dev/promptly/topics/de.txt", "dev/promptly/topics/en.txt"),
                    "the topic phrases of each language"),
            new JarResourceCheck.Loads("dev/promptly/core/message/LanguageDetector",
                    List.of("dev/promptly/language/de.txt", "dev/promptly/language/en.txt"),
                    "the words by which a message's language is recognised"),
            new JarResourceCheck.Loads("dev/promptly/holidays/HolidayTableIndex",
                    List.of("dev/promptly/holidays/public-holidays.bin.gz"),
                    "the public holiday table, read by getResourceAsStream(\"public-holidays.bin.gz\") beside the class"));
}
