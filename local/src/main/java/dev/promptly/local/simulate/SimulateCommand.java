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
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * <p>Input: a CSV file (RFC 4180, UTF-8, an optional byte order mark) whose header row names the
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
    private static final List<String> DECISION_COLUMNS = List.of("row", "intent", "confidence", "order_ref", "action", "drivers");
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
            SimulationReport report = replay(options, simulation);
            String json = JSON.writeValueAsString(report.toJson(simulation.shop().domain().value(), simulation.threshold())) + System.lineSeparator();
            if (options.report() == null) {
                out.print(json);
                out.flush();
            } else {
                write(options.report(), "--report", json);
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

    private static SimulationReport replay(SimulateOptions options, Simulation simulation) throws ProblemException, IOException {
        Path file = options.messages();
        if (!Files.isRegularFile(file)) {
            throw new ProblemException("--messages: no such file: " + file);
        }
        var report = new SimulationReport(options.positiveLabels(), options.ignoredLabels());
        CSVFormat input = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true).get();
        try (Reader reader = withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(input).get();
             CSVPrinter decisions = options.decisions() == null ? null : decisionsPrinter(options.decisions())) {
            Map<String, String> columns = columns(parser.getHeaderNames());
            if (!columns.containsKey("text")) {
                throw new ProblemException(file + ": no 'text' column (the header row names: "
                        + String.join(", ", parser.getHeaderNames()) + ")");
            }
            if (!options.positiveLabels().isEmpty() && !columns.containsKey("label")) {
                throw new ProblemException(file + ": --positive-label needs a 'label' column");
            }
            int row = 0;
            for (Iterator<CSVRecord> records = parser.iterator(); nextRecord(records, file, row + 1); ) {
                CSVRecord record = records.next();
                row++;
                var decision = simulation.decide(value(record, columns, "subject"), value(record, columns, "text"),
                        value(record, columns, "from"));
                report.add(decision.intent(), decision.action(), decision.wismo(), value(record, columns, "label"));
                if (decisions != null) {
                    decisions.printRecord(row, decision.intent().wire(), String.format(Locale.ROOT, "%.3f", decision.confidence()),
                            String.join(" ", decision.orderReferences()), decision.action().wire(), String.join(" | ", decision.drivers()));
                }
            }
        } catch (CharacterCodingException e) {
            throw new ProblemException(file + ": not UTF-8 text");
        }
        return report;
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
    private static Reader withoutByteOrderMark(BufferedReader reader) throws IOException {
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
