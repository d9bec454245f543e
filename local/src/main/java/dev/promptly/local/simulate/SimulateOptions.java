package dev.promptly.local.simulate;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The simulate command's command line; see {@link #USAGE}.
 *
 * @param messages the CSV file of messages to replay
 * @param positiveLabels labels that mean "this message is WISMO"; metrics are computed only when there is one
 * @param ignoredLabels labels whose rows count in the totals but not in the metrics (ambiguous ones)
 * @param report where the report JSON goes, or {@code null} for standard output
 * @param decisions where the decisions CSV goes, or {@code null} for none
 * @param config the configuration file, or {@code null} for the shipped example
 * @param shop the shop whose settings apply, or {@code null} for the configuration's only shop
 * @param labelMap the CSV file saying which intent each label means, or {@code null} for no confusion table
 * @param replies the directory the reply of each message is written to, or {@code null} for none
 */
public record SimulateOptions(Path messages, Set<String> positiveLabels, Set<String> ignoredLabels, Path report, Path decisions,
                              Path config, String shop, Path labelMap, Path replies) {
    public static final String USAGE = """
            usage: java -jar local/target/promptly-local.jar simulate --messages FILE.csv [options]
              Replays past messages without sending or storing anything, and tells what Promptly would do.
              --messages FILE.csv   messages to replay: a header row with the column text (required) and
                                    optionally subject, from, received_at, language, label; fields
                                    separated by commas, semicolons or tabs (told by the header row)
              --positive-label L    rows labelled L are WISMO; repeatable; with it the report has metrics
              --ignore-label L      rows labelled L are left out of the metrics; repeatable
              --report FILE.json    write the report there (default: standard output)
              --decisions FILE.csv  write one decision per message there:
                                    row,intent,confidence,order_ref,action,wismo,drivers (wismo: yes when the
                                    message gets the WISMO answer, i.e. intent wismo at the threshold;
                                    drivers: the phrases and words that weighed most)
              --label-map FILE.csv  columns label,intent: which intent each label means (a label named
                                    like an intent means it); the report adds a per-intent confusion table
              --replies DIR         write the reply each message would get to DIR/<row>.txt (none for no_reply)
              --config FILE         JSON configuration (default: the shipped example, config/promptly.example.json)
              --shop DOMAIN         the shop whose settings apply (default: the configuration's only shop)
            Progress goes to standard error every 1,000 messages; with --report, standard output gets one summary line.
            """;

    public SimulateOptions {
        Objects.requireNonNull(messages, "messages");
        positiveLabels = Set.copyOf(positiveLabels);
        ignoredLabels = Set.copyOf(ignoredLabels);
    }

    /** @throws IllegalArgumentException naming the option that is wrong or missing */
    public static SimulateOptions parse(List<String> args) {
        Path messages = null;
        Set<String> positive = new LinkedHashSet<>();
        Set<String> ignored = new LinkedHashSet<>();
        Path report = null;
        Path decisions = null;
        Path config = null;
        String shop = null;
        Path labelMap = null;
        Path replies = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--messages" -> messages = Path.of(valueOf(args, ++i, option));
                case "--positive-label" -> positive.add(valueOf(args, ++i, option).strip());
                case "--ignore-label" -> ignored.add(valueOf(args, ++i, option).strip());
                case "--report" -> report = Path.of(valueOf(args, ++i, option));
                case "--decisions" -> decisions = Path.of(valueOf(args, ++i, option));
                case "--config" -> config = Path.of(valueOf(args, ++i, option));
                case "--shop" -> shop = valueOf(args, ++i, option);
                case "--label-map" -> labelMap = Path.of(valueOf(args, ++i, option));
                case "--replies" -> replies = Path.of(valueOf(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (messages == null) {
            throw new IllegalArgumentException("--messages: is required");
        }
        Set<String> both = new LinkedHashSet<>(positive);
        both.retainAll(ignored);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("--ignore-label: '" + both.iterator().next() + "' is also a --positive-label");
        }
        return new SimulateOptions(messages, positive, ignored, report, decisions, config, shop, labelMap, replies);
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--") || args.get(index).isBlank()) {
            throw new IllegalArgumentException(option + ": needs a value");
        }
        return args.get(index);
    }
}
