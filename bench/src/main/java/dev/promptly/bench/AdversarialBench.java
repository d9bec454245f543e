package dev.promptly.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.core.ShopDomain;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.functions.messages.MessagesHandler;
import dev.promptly.mail.MimeMailParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Inputs built to make the work slow, each at the largest size its route accepts (a {@code POST /messages}
 * body of {@link MessagesHandler#MAX_BODY_BYTES}, a stored mail of {@link MimeMailParser#MAX_BYTES}),
 * through the real handlers in this JVM against DynamoDB Local: each input is sent a few times to warm
 * the path, then timed. Every call is a new message (fresh ids), so none is answered as a duplicate.
 * The time of a mail includes reading it from the S3 stand-in over loopback.
 */
final class AdversarialBench {
    static final String TABLE = "promptly-bench-adversarial";
    /** The goal for each input, warm (issue "Hardening", part 3). */
    static final double GOAL_MILLIS = 100;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final Path repo;
    private final int warmup;
    private final int runs;
    private final BenchEvents samples;
    /** Words of the inputs to run (any of them, ignoring case); empty runs all. */
    private final List<String> only;
    private long next = 1;

    AdversarialBench(Path repo, int warmup, int runs, List<String> only) {
        this.repo = repo;
        this.warmup = warmup;
        this.runs = runs;
        this.only = only.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        this.samples = new BenchEvents(repo);
    }

    /** One input: what it is, through which route, how large, and its outcome on the last call. */
    record Row(String input, String route, int bytes, Stats millis, Stats cpuMillis, String outcome) {
    }

    /** A prepared call (built untimed) that returns its outcome. */
    private interface Call {
        String run();
    }

    String run() throws Exception {
        var config = WarmBench.benchConfig(repo);
        List<Row> rows = new ArrayList<>();
        try (var dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
             var aws = new FakeAws();
             var client = dynamo.newClient()) {
            var s = new BenchSystem(client, TABLE, config, aws, Clock.systemUTC());
            var conversations = new DynamoConversationStore(client, TABLE);
            var shop = new ShopDomain(BenchEvents.SHOP);

            rows.add(measure("Auto-Submitted: one comment nested as deep as the body allows", "POST /messages",
                    n -> message(s, n, deepComment(n))));
            rows.add(measure("9,000 order references (#1000 … #9999) in the text", "POST /messages",
                    n -> message(s, n, body(n, "Wo bleiben meine Bestellungen "
                            + IntStream.range(1000, 10_000).mapToObj(k -> "#" + k).collect(Collectors.joining(" ")) + "?", null))));
            rows.add(measure("100,000 characters (the text limit) of candidate codes", "POST /messages",
                    n -> message(s, n, body(n, codes(n, 100_000 - 200), null))));
            rows.add(measure("JSON nested as deep as the body allows", "POST /messages", n -> message(s, n, deepJson(n))));

            rows.add(measure("1 MB of e-mail text full of candidate codes", "SES receipt",
                    n -> mail(s, aws, conversations, shop, n, plainMail(n, codes(n, 1_000_000)))));
            rows.add(measure("10 MiB of e-mail text full of candidate codes", "SES receipt",
                    n -> mail(s, aws, conversations, shop, n, plainMail(n, codes(n, MimeMailParser.MAX_BYTES - 1_000)))));
            rows.add(measure("10 MiB of quoted lines, the question last", "SES receipt",
                    n -> mail(s, aws, conversations, shop, n, plainMail(n, quoted(n, MimeMailParser.MAX_BYTES - 1_000)))));
            rows.add(measure("5,000 nested multiparts", "SES receipt",
                    n -> mail(s, aws, conversations, shop, n, nestedMultiparts(n, 5_000))));
            rows.add(measure("one multipart of 10 MiB of tiny parts", "SES receipt",
                    n -> mail(s, aws, conversations, shop, n, tinyParts(n, MimeMailParser.MAX_BYTES - 1_000))));
            rows.add(measure("10 MiB of header fields (a 2 MiB References, 100,000 others)", "SES receipt",
                    n -> mail(s, aws, conversations, shop, n, hugeHeaders(n, MimeMailParser.MAX_BYTES - 1_000))));
            rows.add(measure("HTML-only mail: 10 MiB of list items", "SES receipt",
                    n -> mail(s, aws, conversations, shop, n, htmlMail(n, MimeMailParser.MAX_BYTES - 1_000))));
            // The yardsticks, last so their paths are as warm as the others': what an ordinary question costs
            // on the same path, DynamoDB Local and machine.
            rows.add(measure("(yardstick) an ordinary question naming one order", "POST /messages",
                    n -> message(s, n, body(n, "Hallo, wo bleibt meine Bestellung #" + (1000 + n % 9000) + "? Viele Grüße, Anna", null))));
            rows.add(measure("(yardstick) an ordinary mail naming one order", "SES receipt",
                    n -> mail(s, aws, conversations, shop, n, plainMail(n, "Hallo,\r\nwo bleibt meine Bestellung #" + (1000 + n % 9000)
                            + "?\r\n\r\nViele Grüße\r\nAnna\r\n"))));
        }
        rows.removeIf(Objects::isNull);
        return markdown(rows);
    }

    // --- inputs ---

    private String messageId(long n) {
        return "adversarial-" + n + "@mail.example.com";
    }

    /** A POST /messages body from customer n; {@code headers} may be null. */
    private String body(long n, String text, ObjectNode headers) {
        ObjectNode body = BenchEvents.JSON.createObjectNode();
        body.put("shop", BenchEvents.SHOP).put("channel", "email").put("message_id", messageId(n));
        body.putObject("from").put("name", "Anna Beispiel").put("email", BenchEvents.customerEmail(n));
        body.put("subject", "Wo bleibt meine Bestellung?").put("text", text);
        if (headers != null) {
            body.set("headers", headers);
        }
        return body.toString();
    }

    private String deepComment(long n) {
        String tail = " auto-replied";
        int room = MessagesHandler.MAX_BODY_BYTES - body(n, "Wo bleibt meine Bestellung?", headers("")).length() - tail.length() - "no".length();
        int levels = room / 2;
        return body(n, "Wo bleibt meine Bestellung?", headers("(".repeat(levels) + "no" + ")".repeat(levels) + tail));
    }

    private static ObjectNode headers(String autoSubmitted) {
        return BenchEvents.JSON.createObjectNode().put("Auto-Submitted", autoSubmitted);
    }

    private String deepJson(long n) {
        String start = body(n, "Wo bleibt meine Bestellung?", null);
        String open = start.substring(0, start.length() - 1) + ",\"extra\":";
        int levels = (MessagesHandler.MAX_BODY_BYTES - open.length() - 1) / 2;
        return open + "[".repeat(levels) + "]".repeat(levels) + "}";
    }

    /** A WISMO question with an order reference, then order-, tracking- and code-like tokens up to {@code chars}. */
    private static String codes(long n, int chars) {
        var text = new StringBuilder("Wo bleibt meine Bestellung #" + (1000 + n % 9000) + "? Sendungsnummer ");
        String[] pieces = {"ABC12345X ", "Bestellnummer 20456 ", "1Z999AA10123456784 ", "0034 0434 1610 9404 ", "DE-4711-X ",
                "Tel. 0171 1234567 ", "49,99 EUR ", "JJD0123456789012345678 ", "..... ", "-- \r\n"};
        for (int i = 0; text.length() < chars; i++) {
            text.append(pieces[i % pieces.length]);
        }
        text.setLength(chars);
        return text.toString();
    }

    private static String quoted(long n, int chars) {
        var text = new StringBuilder();
        String line = "> Am Montag schrieb der Shop: Ihre Bestellung #1001 ist unterwegs, Sendungsnummer 1Z999AA10123456784.\r\n";
        while (text.length() + line.length() < chars - 100) {
            text.append(line);
        }
        return text.append("Wo bleibt meine Bestellung #").append(1000 + n % 9000).append("?\r\n").toString();
    }

    private static String headerBlock(long n, String messageId) {
        return "Return-Path: <" + BenchEvents.customerEmail(n) + ">\r\nFrom: Anna Beispiel <" + BenchEvents.customerEmail(n) + ">\r\n"
                + "To: support@demo-shop.example\r\nSubject: Wo bleibt meine Bestellung?\r\nMessage-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    private byte[] plainMail(long n, String text) {
        return (headerBlock(n, messageId(n)) + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + text).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] nestedMultiparts(long n, int levels) {
        var mail = new StringBuilder(headerBlock(n, messageId(n)));
        for (int level = 0; level < levels; level++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n--b").append(level).append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\nWo bleibt meine Bestellung?\r\n");
        for (int level = levels - 1; level >= 0; level--) {
            mail.append("--b").append(level).append("--\r\n");
        }
        return mail.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] tinyParts(long n, int bytes) {
        var mail = new StringBuilder(headerBlock(n, messageId(n)))
                .append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nWo bleibt meine Bestellung?\r\n");
        while (mail.length() < bytes - 10) {
            mail.append("--b\r\n\r\nx\r\n");
        }
        return mail.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] hugeHeaders(long n, int bytes) {
        var mail = new StringBuilder(headerBlock(n, messageId(n))).append("References:");
        for (int i = 0; mail.length() < 2 * 1024 * 1024; i++) {
            mail.append(" <thread-").append(i).append("@mail.example.com>");
        }
        mail.append("\r\n");
        for (int i = 0; mail.length() < bytes - 200; i++) {
            mail.append("X-Filler-").append(i).append(": ").append("v".repeat(80)).append("\r\n");
        }
        return mail.append("Content-Type: text/plain\r\n\r\nWo bleibt meine Bestellung?\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] htmlMail(long n, int bytes) {
        var mail = new StringBuilder(headerBlock(n, messageId(n)))
                .append("Content-Type: text/html; charset=UTF-8\r\n\r\n<html><body><p>Wo bleibt meine Bestellung?</p><ol>");
        while (mail.length() < bytes - 20) {
            mail.append("<li><a href=\"https://x.example/\">x</a></li>\r\n");
        }
        return mail.append("</ol></body></html>\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    // --- calls ---

    private Prepared message(BenchSystem s, long n, String body) {
        var event = BenchSystem.httpEvent(samples.signedMessageEvent(body));
        return new Prepared(body.getBytes(StandardCharsets.UTF_8).length, () -> outcome(s.messages.handleRequest(event, null)), null);
    }

    private static String outcome(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 202) {
            return "HTTP " + response.getStatusCode() + " " + BenchEvents.tree(response.getBody()).path("title").asText("");
        }
        JsonNode ack = BenchEvents.tree(response.getBody()).path("acknowledgement");
        return "HTTP 202, " + (ack.isMissingNode() ? "no reply" : "reply " + ack.path("status").asText());
    }

    private Prepared mail(BenchSystem s, FakeAws aws, DynamoConversationStore conversations, ShopDomain shop, long n, byte[] raw) {
        String sesId = "bench-adversarial-" + n;
        aws.putMail(sesId, raw);
        byte[] event = samples.sesEvent(n, sesId).toString().getBytes(StandardCharsets.UTF_8);
        return new Prepared(raw.length, () -> {
            BenchSystem.stream(s.email, event);
            return "";
        }, () -> conversations.conversationOfMessage(shop, messageId(n)).isPresent() ? "recorded" : "NOT recorded");
    }

    /**
     * A call, and how its outcome is read afterwards ({@code check}, untimed, may be null when the call
     * answers it): the stream handler of a mail answers nothing, so the stored conversation tells.
     */
    private record Prepared(int bytes, Call call, Call check) {
    }

    /** The input's row, or null when {@code --only} leaves it out. */
    private Row measure(String input, String route, IntFunction<Prepared> prepare) {
        if (!only.isEmpty() && only.stream().noneMatch(input.toLowerCase(Locale.ROOT)::contains)) {
            return null;
        }
        List<Double> millis = new ArrayList<>();
        List<Double> cpuMillis = new ArrayList<>();
        String outcome = "";
        int bytes = 0;
        for (int i = 0; i < warmup + runs; i++) {
            Prepared prepared = prepare.apply((int) next++);
            bytes = prepared.bytes();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            boolean failed = false;
            try {
                outcome = prepared.call().run();
            } catch (RuntimeException e) {
                // A handler that fails is a finding too: the platform would retry it; report it and go on.
                outcome = "failed: " + e.getClass().getSimpleName();
                failed = true;
            }
            double elapsed = (System.nanoTime() - start) / 1e6;
            double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            if (!failed && prepared.check() != null) {
                outcome = prepared.check().run();
            }
            if (i >= warmup) {
                millis.add(elapsed);
                cpuMillis.add(cpu);
            }
        }
        System.err.printf(Locale.ROOT, "%s: %d measured%n", input, millis.size());
        return new Row(input, route, bytes, Stats.of(millis), Stats.of(cpuMillis), outcome);
    }

    private String markdown(List<Row> rows) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Adversarial inputs: %d warm-up calls, then %d timed calls each (new message per call).%n%n",
                warmup, runs));
        out.append("| Input | Route | Size (bytes) | median ms | max ms | handler thread CPU ms (median) | ≤ ")
                .append((int) GOAL_MILLIS).append(" ms? | Outcome |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %.1f | %s | %s |%n", row.input(), row.route(), row.bytes(),
                    row.millis().median(), row.millis().percentile(1.0), row.cpuMillis().median(),
                    row.millis().median() <= GOAL_MILLIS ? "yes" : "**no**", row.outcome()));
        }
        out.append("\nThe yardstick rows are ordinary questions through the same handlers, for comparison; the goal is for the others.");
        out.append("\nThe CPU column is the calling thread's CPU time (ThreadMXBean): the handler's own parsing and detection,"
                + " without DynamoDB Local's threads, and unlike wall time barely affected by other load on the machine.\n");
        return out.toString();
    }
}
