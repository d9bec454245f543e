package dev.promptly.local.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.promptly.wiring.ConfigSource;
import dev.promptly.config.ConfigException;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code simulate}: replays a CSV file of past messages through a shop's WISMO detection and tells what
 * Promptly would have done with each, without sending or storing anything — so a shop sees the effect
 * before going live, and detection can be measured against labelled messages. See
 * {@link SimulateOptions#USAGE}, {@link SimulationAction} and {@link SimulationReport}.
 *
 * <p>Input: a CSV file (RFC 4180 with commas, or semicolons or tabs as {@link CsvDelimiter} tells from
 * the header row; UTF-8, an optional byte order mark) whose header row names the
 * columns, in any order and case: {@code text} (required), {@code subject}, {@code from},
 * {@code received_at}, {@code language} and {@code label} (optional; {@code received_at} and
 * {@code language} are read but do not change a decision: every language of the shop is detected).
 * Other columns are ignored. Errors the user can fix (a missing file, no {@code text} column, a bad
 * option or configuration) print one message naming the problem on standard error and exit with 2.
 */
public final class SimulateCommand {
    /** Where the local module's build puts the shipped example configuration (see local/pom.xml). */
    private static final String EXAMPLE_CONFIG = "/dev/promptly/local/promptly.example.json";
    private static final String NAME = "promptly-local simulate";
    /** {@code wismo} (yes/no) says whether the reply answers "where is my order?": {@code intent} alone is the best guess, even below the threshold. */
    private static final List<String> DECISION_COLUMNS = List.of("row", "intent", "confidence", "order_ref", "action", "wismo", "drivers");
    /** Rows between two progress lines on standard error. */
    static final int PROGRESS_EVERY = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final int OK = 0;
    public static final int USAGE_ERROR = 2;

    private SimulateCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code simulate}
     * @return the exit status: {@value #OK}, or {@value #USAGE_ERROR} when the input or options are wrong
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help")) {
            out.print(SimulateOptions.USAGE);
            return OK;
        }
        try {
            SimulateOptions options = SimulateOptions.parse(args);
            Simulation simulation = simulation(shop(options));
            Optional<LabelMap> labels = labelMap(options);
            SimulationReport report = replay(options, simulation, labels, err);
            String json = JSON.writeValueAsString(report.toJson(simulation.shop().domain().value(), simulation.threshold())) + System.lineSeparator();
            if (options.report() == null) {
                out.print(json);
                out.flush();
            } else {
                write(options.report(), "--report", json);
                out.println(report.summary() + " (report: " + options.report() + ")");
                out.flush();
            }
            return OK;
        } catch (ProblemException e) {
            err.println(NAME + ": " + e.getMessage());
            return USAGE_ERROR;
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            err.print(SimulateOptions.USAGE);
            return USAGE_ERROR;
        } catch (ConfigException e) {
            err.println(NAME + ": " + e.getMessage());
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println(NAME + ": " + e.getMessage());
            return USAGE_ERROR;
        }
    }

    private static ShopConfig shop(SimulateOptions options) throws ProblemException {
        PromptlyConfig config;
        if (options.config() == null) {
            config = ConfigParser.parse(exampleConfig(), "the shipped example configuration", true);
        } else {
            if (!Files.isRegularFile(options.config())) {
                throw new ProblemException("--config: no such file: " + options.config());
            }
            try {
                config = ConfigSource.loadFile(options.config(), true);
            } catch (UncheckedIOException e) {
                throw new ProblemException("--config: cannot read " + options.config() + ": " + e.getCause().getMessage());
            }
        }
        if (options.shop() == null) {
            if (config.shops().size() != 1) {
                throw new ProblemException("--shop: the configuration has " + config.shops().size() + " shops ("
                        + String.join(", ", config.shops().keySet().stream().map(ShopDomain::value).toList()) + "); name one");
            }
            return config.shops().values().iterator().next();
        }
        ShopDomain domain;
        try {
            domain = new ShopDomain(options.shop());
        } catch (IllegalArgumentException e) {
            throw new ProblemException("--shop: " + e.getMessage());
        }
        return config.shop(domain).orElseThrow(() -> new ProblemException("--shop: '" + options.shop()
                + "' is not in the configuration (shops: " + String.join(", ", config.shops().keySet().stream().map(ShopDomain::value).toList()) + ")"));
    }

    private static Simulation simulation(ShopConfig shop) throws ProblemException {
        try {
            return new Simulation(shop);
        } catch (IllegalArgumentException e) {
            throw new ProblemException("shop " + shop.domain().value() + ": " + e.getMessage());
        }
    }

    private static Optional<LabelMap> labelMap(SimulateOptions options) throws ProblemException, IOException {
        Path file = options.labelMap();
        if (file == null) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new ProblemException("--label-map: no such file: " + file);
        }
        try (BufferedReader reader = withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return Optional.of(LabelMap.read(reader, CsvDelimiter.detect(reader)));
        } catch (CharacterCodingException e) {
            throw new ProblemException("--label-map: " + file + ": not UTF-8 text");
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ProblemException("--label-map: " + file + ": " + e.getMessage());
        }
    }

    private static SimulationReport replay(SimulateOptions options, Simulation simulation, Optional<LabelMap> labels, PrintStream err)
            throws ProblemException, IOException {
        Path file = options.messages();
        if (!Files.isRegularFile(file)) {
            throw new ProblemException("--messages: no such file: " + file);
        }
        Optional<SimulatedReply> replies = Optional.ofNullable(options.replies()).map(dir -> new SimulatedReply(simulation.shop()));
        if (options.replies() != null) {
            try {
                Files.createDirectories(options.replies());
            } catch (IOException e) {
                throw new ProblemException("--replies: cannot create " + options.replies() + ": " + e.getMessage());
            }
        }
        var report = new SimulationReport(options.positiveLabels(), options.ignoredLabels());
        try (BufferedReader reader = withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(inputFormat(CsvDelimiter.detect(reader))).get();
             CSVPrinter decisions = options.decisions() == null ? null : decisionsPrinter(options.decisions())) {
            Map<String, String> columns = columns(parser.getHeaderNames());
            if (!columns.containsKey("text")) {
                throw new ProblemException(file + ": no 'text' column (the header row names: "
                        + String.join(", ", parser.getHeaderNames()) + ")");
            }
            if (!options.positiveLabels().isEmpty() && !columns.containsKey("label")) {
                throw new ProblemException(file + ": --positive-label needs a 'label' column");
            }
            if (labels.isPresent() && !columns.containsKey("label")) {
                throw new ProblemException(file + ": --label-map needs a 'label' column");
            }
            long started = System.nanoTime();
            int row = 0;
            for (Iterator<CSVRecord> records = parser.iterator(); nextRecord(records, file, row + 1); ) {
                CSVRecord record = records.next();
                row++;
                var decision = simulation.decide(value(record, columns, "subject"), value(record, columns, "text"),
                        value(record, columns, "from"));
                String label = value(record, columns, "label");
                report.add(decision.intent(), decision.action(), decision.wismo(), label);
                if (labels.isPresent()) {
                    report.addToConfusion(label, labels.get().intentOf(label), IntentConfusion.decided(decision.intent(), decision.wismo()));
                }
                if (decisions != null) {
                    decisions.printRecord(row, decision.intent().wire(), String.format(Locale.ROOT, "%.3f", decision.confidence()),
                            String.join(" ", decision.orderReferences()), decision.action().wire(), decision.wismo() ? "yes" : "no",
                            String.join(" | ", decision.drivers()));
                }
                if (replies.isPresent()) {
                    writeReply(options.replies(), row, replies.get(), decision, record, columns);
                }
                if (row % PROGRESS_EVERY == 0) {
                    err.printf(Locale.ROOT, "simulate: %,d messages (%d s)%n", row, (System.nanoTime() - started) / 1_000_000_000L);
                    err.flush();
                }
            }
        } catch (CharacterCodingException e) {
            throw new ProblemException(file + ": not UTF-8 text");
        }
        return report;
    }

    /** RFC 4180 with the file's own delimiter; the header row names the columns. */
    private static CSVFormat inputFormat(char delimiter) {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true).get();
    }

    /** Writes {@code <row>.txt}: the reply as the customer reads it; nothing when no reply would be sent. */
    private static void writeReply(Path dir, int row, SimulatedReply replies, Simulation.Decision decision, CSVRecord record,
                                   Map<String, String> columns) throws ProblemException {
        Instant receivedAt = receivedAt(value(record, columns, "received_at"), row);
        var reply = replies.render(row, decision, value(record, columns, "subject"), value(record, columns, "text"),
                value(record, columns, "from"), receivedAt);
        if (reply.isPresent()) {
            write(dir.resolve(row + ".txt"), "--replies", SimulatedReply.asRead(reply.get()));
        }
    }

    /**
     * When the message arrived, which the reply promise counts from: the {@code received_at} column (an ISO-8601
     * instant, e.g. {@code 2026-03-02T09:00:00Z}), else now.
     */
    private static Instant receivedAt(String value, int row) throws ProblemException {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException("data row " + row + ": received_at must be an ISO-8601 time such as 2026-03-02T09:00:00Z");
        }
    }

    /** Whether there is another record, turning a malformed one into a problem that names its row. */
    private static boolean nextRecord(Iterator<CSVRecord> records, Path file, int row) throws ProblemException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ProblemException(file + ": data row " + row + " is not valid CSV: " + reason);
        }
    }

    private static CSVPrinter decisionsPrinter(Path path) throws ProblemException {
        try {
            Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                    .setHeader(DECISION_COLUMNS.toArray(String[]::new)).get());
        } catch (IOException e) {
            throw new ProblemException("--decisions: cannot write " + path + ": " + e.getMessage());
        }
    }

    /** Known column names, lower case and trimmed, to the header as written. */
    private static Map<String, String> columns(List<String> header) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String name : header) {
            if (name != null) {
                columns.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), name);
            }
        }
        return columns;
    }

    private static String value(CSVRecord record, Map<String, String> columns, String column) {
        String name = columns.get(column);
        return name == null || !record.isSet(name) ? null : record.get(name);
    }

    /** Spreadsheets save UTF-8 CSV with a byte order mark, which would otherwise stick to the first column's name. */
    private static BufferedReader withoutByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static void write(Path path, String option, String content) throws ProblemException {
        try {
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProblemException(option + ": cannot write " + path + ": " + e.getMessage());
        }
    }

    private static String exampleConfig() {
        try (InputStream in = SimulateCommand.class.getResourceAsStream(EXAMPLE_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException("the example configuration is missing from the jar: " + EXAMPLE_CONFIG);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A problem with the input the user can fix; its message names it. */
    private static final class ProblemException extends Exception {
        ProblemException(String message) {
            super(message);
        }
    }
}
