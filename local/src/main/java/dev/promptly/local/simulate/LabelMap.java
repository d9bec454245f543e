package dev.promptly.local.simulate;

import dev.promptly.core.wismo.Intent;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Which intent each label of a labelled message set means ({@code --label-map FILE}): a CSV file whose
 * header row names the columns {@code label} and {@code intent}, one label per row; the intent is a wire
 * name ({@code wismo}, {@code return}, …, {@code other}). A label that is itself an intent's wire name
 * means that intent without a row. Labels are compared trimmed and case-sensitively, like
 * {@code --positive-label}. Immutable.
 */
final class LabelMap {
    /** Rows read at most: a label map names a handful of labels, never a whole data set. */
    static final int MAX_ROWS = 10_000;
    private final Map<String, Intent> intents;

    private LabelMap(Map<String, Intent> intents) {
        this.intents = Map.copyOf(intents);
    }

    /**
     * @param delimiter the field delimiter, as {@link CsvDelimiter} found it
     * @throws IllegalArgumentException naming the missing column, or the row and its unknown intent
     */
    static LabelMap read(Reader reader, char delimiter) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).setIgnoreHeaderCase(true).setTrim(true).get();
        Map<String, Intent> intents = new HashMap<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            var header = parser.getHeaderMap();
            if (!header.containsKey("label") || !header.containsKey("intent")) {
                throw new IllegalArgumentException("the header row must name the columns label and intent (it names: "
                        + String.join(", ", parser.getHeaderNames()) + ")");
            }
            int row = 0;
            for (CSVRecord record : parser) {
                if (++row > MAX_ROWS) {
                    throw new IllegalArgumentException("more than " + MAX_ROWS + " rows");
                }
                String label = record.isSet("label") ? record.get("label") : "";
                String wire = record.isSet("intent") ? record.get("intent").toLowerCase(Locale.ROOT) : "";
                Intent intent = Intent.fromWire(wire).orElseThrow(() -> new IllegalArgumentException("data row " + record.getRecordNumber()
                        + ": intent '" + wire + "' is not one of " + String.join(", ", Arrays.stream(Intent.values()).map(Intent::wire).toList())));
                if (!label.isEmpty()) {
                    intents.put(label, intent);
                }
            }
        }
        return new LabelMap(intents);
    }

    /** The intent {@code label} means, if the map or the label's own name tells. */
    Optional<Intent> intentOf(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        String trimmed = label.strip();
        Intent mapped = intents.get(trimmed);
        return mapped != null ? Optional.of(mapped) : Intent.fromWire(trimmed);
    }
}
