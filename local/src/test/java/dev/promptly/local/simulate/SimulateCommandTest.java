package dev.promptly.local.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run: what Promptly would do with past messages, and how well it detects WISMO against labels. */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** German and English messages with labels; columns in another order and case than documented. */
    private static final String MESSAGES = """
            label,Text,subject,from,received_at,language
            wismo,"Hallo,

            wo bleibt meine Bestellung #1001?

            Viele Grüße
            Anna",,anna@example.com,2026-03-02T09:00:00Z,de
            wismo,"Hallo, mein Paket ist noch nicht angekommen.",,,2026-03-02T09:05:00Z,de
            wismo,"Where is my order? It has not arrived yet.
            Thanks, John",Order status,john@example.com,2026-03-02T09:10:00Z,en
            return,Ich möchte die Schuhe zurückschicken.,Rücksendung,kim@example.com,,de
            refund,Can you track my refund please?,,,,en
            pre_purchase,How long does shipping take to Austria?,,,,en
            bounce,"Delivery failed: where is my order",Undelivered Mail,MAILER-DAEMON@mail.example.com,,en
            wismo,Wann kommt mein Paket? 4711,,,,de
            wismo,Tracking?,,,,en
            ,Danke!,,,,de
            other,"Danke, ist angekommen!

            Am 01.03.2026 um 10:00 schrieb Demo Shop <support@demo-shop.example>:
            > Wo bleibt Ihre Bestellung? Sie ist unterwegs.",Re: Ihre Bestellung,anna@example.com,,de
            other,Bitte antworten Sie nicht auf diese Nachricht.,Auto,support@demo-shop.example,,de
            """;

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = SimulateCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    @Test
    void labelledMessagesGiveCountsMetricsAndOneDecisionPerRow() throws Exception {
        Path messages = file("messages.csv", MESSAGES);
        Path report = dir.resolve("report.json");
        Path decisions = dir.resolve("decisions.csv");

        var result = run("--messages", messages.toString(), "--positive-label", "wismo", "--ignore-label", "bounce",
                "--report", report.toString(), "--decisions", decisions.toString());

        assertEquals(0, result.status(), result.err());
        assertEquals("12 messages: 3 wismo_answer, 2 wismo_ask_reference, 5 acknowledge, 2 no_reply; precision 1.0, recall 1.0"
                + " (report: " + report + ")" + System.lineSeparator(), result.out());
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals(JSON.readTree("""
                {"shop": "demo-shop.myshopify.com", "threshold": 0.6, "total": 12,
                 "intents": {"wismo": 5, "return": 1, "refund": 1, "cancellation": 0, "address_change": 0, "invoice": 0,
                             "pre_purchase": 1, "complaint": 0, "other": 4},
                 "actions": {"wismo_answer": 3, "wismo_ask_reference": 2, "acknowledge": 5, "no_reply": 2},
                 "metrics": {"tp": 5, "fp": 0, "fn": 0, "tn": 5, "precision": 1.0, "recall": 1.0, "f1": 1.0}}
                """), json);
        assertEquals("""
                row,intent,confidence,order_ref,action,wismo,drivers
                1,wismo,0.996,1001,wismo_answer,yes,wo bleibt ... @item | wo bleibt | @my @item | wo | bleibt | meine
                2,wismo,0.999,,wismo_ask_reference,yes,@item ... @not ... angekommen | noch nicht angekommen | nicht angekommen | paket | noch | nicht
                3,wismo,1.000,,wismo_answer,yes,@where ... @my ... @item | @item status | @item ... status | status | where | yet
                4,return,0.990,,acknowledge,no,rücksend* | zurückschicken | rücksendung | möchte
                5,refund,0.995,,acknowledge,no,refund* | my refund | refund | track | my
                6,pre_purchase,0.990,,acknowledge,no,how long does ... shipping take | how long does ... shipping | shipping | does | take
                7,other,1.000,,no_reply,no,undelivered mail
                8,wismo,1.000,4711,wismo_answer,yes,wann kommt ... @item | wann kommt | @my @item | wann | kommt | paket
                9,wismo,0.999,,wismo_ask_reference,yes,tracking
                10,other,1.000,,acknowledge,no,danke
                11,other,0.800,,acknowledge,no,ist angekommen | danke | angekommen
                12,other,1.000,,no_reply,no,nachricht | auto | antworten
                """, Files.readString(decisions));
    }

    @Test
    void aLabelMapGivesAPerIntentConfusionTableWhereWismoFollowsTheThreshold() throws Exception {
        Path messages = file("messages.csv", MESSAGES);
        Path labelMap = file("labels.csv", """
                label,intent
                bounce,other
                """);
        Path report = dir.resolve("report.json");

        var result = run("--messages", messages.toString(), "--label-map", labelMap.toString(), "--report", report.toString());

        assertEquals(0, result.status(), result.err());
        JsonNode confusion = JSON.readTree(report.toFile()).get("confusion");
        JsonNode wismo = confusion.get("table").get("wismo");
        assertEquals(5, wismo.get("wismo").asInt(), "row 9's vague 'Tracking?' is asked for its order number: WISMO");
        assertEquals(0, wismo.path("other").asInt());
        assertEquals(3, confusion.get("table").get("other").get("other").asInt(), "the two others and the bounce mapped to other, read as automatic mail");
        assertEquals(0, confusion.get("table").get("other").path("wismo").asInt());
        assertEquals(1, confusion.get("table").get("return").get("return").asInt());
        assertEquals(JSON.readTree("""
                {"support": 5, "decided": 5, "tp": 5, "precision": 1.0, "recall": 1.0}"""), confusion.get("per_intent").get("wismo"));
        assertEquals(1.0, confusion.get("per_intent").get("pre_purchase").get("recall").asDouble());
        assertEquals(0, confusion.get("unmapped_labels").asInt(), "the unlabelled row counts nowhere");
    }

    @Test
    void aLabelMapNamingAnUnknownIntentIsRefusedWithTheKnownOnes() throws Exception {
        Path messages = file("messages.csv", MESSAGES);
        Path labelMap = file("labels.csv", "label;intent\nwhere;wismo\nmoney;refunds\n");

        var result = run("--messages", messages.toString(), "--label-map", labelMap.toString());

        assertEquals(2, result.status());
        assertTrue(result.err().contains("--label-map: " + labelMap + ": data row 2: intent 'refunds' is not one of wismo, return, refund"),
                result.err());
    }

    @Test
    void aLabelMapNeedsALabelColumn() throws Exception {
        Path messages = file("messages.csv", "text\nWo ist mein Paket?\n");
        Path labelMap = file("labels.csv", "label,intent\nwhere,wismo\n");

        var result = run("--messages", messages.toString(), "--label-map", labelMap.toString());

        assertEquals(2, result.status());
        assertTrue(result.err().contains(messages + ": --label-map needs a 'label' column"), result.err());
    }

    @Test
    void semicolonSeparatedFilesAreReadWithQuotedFieldsIntact() throws Exception {
        Path messages = file("messages.csv", """
                Label;Text;From
                wismo;"Hallo; wo bleibt meine Bestellung #1001? Danke, Anna";anna@example.com
                other;"Danke, alles gut; bis bald";anna@example.com
                """);
        Path decisions = dir.resolve("decisions.csv");

        var result = run("--messages", messages.toString(), "--positive-label", "wismo", "--decisions", decisions.toString());

        assertEquals(0, result.status(), result.err());
        JsonNode json = JSON.readTree(result.out());
        assertEquals(2, json.get("total").asInt());
        assertEquals(1, json.get("metrics").get("tp").asInt());
        assertEquals(1, json.get("metrics").get("tn").asInt());
        assertTrue(Files.readString(decisions).contains("\n1,wismo,0.988,1001,wismo_answer,yes,"), Files.readString(decisions));
    }

    @Test
    void repliesAreWrittenAsTheCustomerWouldReadThemAndNoneForNoReply() throws Exception {
        Path messages = file("messages.csv", MESSAGES);
        Path replies = dir.resolve("replies");

        var result = run("--messages", messages.toString(), "--replies", replies.toString());

        assertEquals(0, result.status(), result.err());
        String wismo = Files.readString(replies.resolve("1.txt"));
        assertTrue(wismo.startsWith("Subject: [PR-"), wismo);
        assertTrue(wismo.contains("Bestellung #1001"), wismo);
        assertTrue(wismo.contains("Sie ist noch nicht versandt. Wir versenden sie bis spätestens"), wismo);
        String acknowledgement = Files.readString(replies.resolve("6.txt"));
        assertTrue(acknowledgement.contains("thank you for your message to Demo Shop"), acknowledgement);
        assertTrue(acknowledgement.contains("You will get a personal reply by"), acknowledgement);
        assertFalse(Files.exists(replies.resolve("7.txt")), "the bounce gets no reply");
        assertFalse(Files.exists(replies.resolve("12.txt")), "the shop's own address gets no reply");
        try (var files = Files.list(replies)) {
            assertEquals(10, files.count());
        }
    }

    @Test
    void longRunsReportProgressOnStandardError() throws Exception {
        StringBuilder csv = new StringBuilder("text\n");
        for (int i = 0; i < 2 * SimulateCommand.PROGRESS_EVERY + 5; i++) {
            csv.append("Wo ist mein Paket ").append(i).append("?\n");
        }
        Path messages = file("messages.csv", csv.toString());

        var result = run("--messages", messages.toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().contains("simulate: 1,000 messages"), result.err());
        assertTrue(result.err().contains("simulate: 2,000 messages"), result.err());
        assertEquals(2 * SimulateCommand.PROGRESS_EVERY + 5, JSON.readTree(result.out()).get("total").asInt());
    }

    @Test
    void withoutReportFileTheReportGoesToStandardOutputWithoutMetrics() throws Exception {
        Path messages = file("messages.csv", "text\nWo ist mein Paket?\nHaben Sie die Jacke in Blau?\n");

        var result = run("--messages", messages.toString());

        assertEquals(0, result.status(), result.err());
        JsonNode json = JSON.readTree(result.out());
        assertEquals(2, json.get("total").asInt());
        assertEquals(1, json.get("actions").get("wismo_ask_reference").asInt());
        assertEquals(1, json.get("actions").get("acknowledge").asInt());
        assertFalse(json.has("metrics"));
    }

    @Test
    void theShopsOrderNameFormatAndPhrasesApply() throws Exception {
        String example = Files.readString(Path.of("..", "config", "promptly.example.json"));
        Path config = file("shop.json", example
                .replace("\"prefix\": \"#\", \"suffix\": \"\"", "\"prefix\": \"DS-\", \"suffix\": \"-X\"")
                .replace("\"extra_phrases\": {}", "\"extra_phrases\": {\"de\": [\"wo steckt ... krempel\"]}"));
        Path messages = file("messages.csv", "text\n\"Wo steckt mein Krempel? DS-1001-X\"\n");
        Path decisions = dir.resolve("decisions.csv");

        var result = run("--messages", messages.toString(), "--config", config.toString(), "--shop", "demo-shop.myshopify.com",
                "--decisions", decisions.toString());

        assertEquals(0, result.status(), result.err());
        assertEquals("row,intent,confidence,order_ref,action,wismo,drivers\n1,wismo,0.963,1001,wismo_answer,yes,wo steckt ... krempel | wo | mein | 1001\n",
                Files.readString(decisions));
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
        Path messages = file("messages.csv", "\uFEFFtext,label\nWhere is my parcel?,wismo\n");

        var result = run("--messages", messages.toString(), "--positive-label", "wismo");

        assertEquals(0, result.status(), result.err());
        assertEquals(1, JSON.readTree(result.out()).get("metrics").get("tp").asInt());
    }

    // Errors: one message naming the problem, exit status 2

    @Test
    void aMissingMessagesFileIsNamed() {
        var result = run("--messages", dir.resolve("nothing.csv").toString());

        assertEquals(2, result.status());
        assertTrue(result.err().startsWith("promptly-local simulate: --messages: no such file: "), result.err());
        assertEquals("", result.out());
    }

    @Test
    void aFileWithoutTextColumnIsRefusedWithItsColumns() throws Exception {
        Path messages = file("messages.csv", "body,label\nWo ist mein Paket?,wismo\n");

        var result = run("--messages", messages.toString());

        assertEquals(2, result.status());
        assertEquals("promptly-local simulate: " + messages + ": no 'text' column (the header row names: body, label)\n",
                result.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void positiveLabelsNeedALabelColumn() throws Exception {
        Path messages = file("messages.csv", "text\nWo ist mein Paket?\n");

        var result = run("--messages", messages.toString(), "--positive-label", "wismo");

        assertEquals(2, result.status());
        assertTrue(result.err().contains("--positive-label needs a 'label' column"), result.err());
    }

    @Test
    void aMalformedCsvRowIsNamed() throws Exception {
        Path messages = file("messages.csv", "text\nfine\n\"never closed\n");

        var result = run("--messages", messages.toString());

        assertEquals(2, result.status());
        assertTrue(result.err().startsWith("promptly-local simulate: " + messages + ": data row 2 is not valid CSV"), result.err());
    }

    @Test
    void anUnknownOptionIsNamedWithTheUsage() {
        var result = run("--messages", "x.csv", "--positive", "wismo");

        assertEquals(2, result.status());
        assertTrue(result.err().startsWith("promptly-local simulate: unknown option '--positive'\nusage: "), result.err());
    }

    @Test
    void theMessagesOptionIsRequired() {
        var result = run("--report", "r.json");

        assertEquals(2, result.status());
        assertTrue(result.err().startsWith("promptly-local simulate: --messages: is required"), result.err());
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        var result = run("--messages", "x.csv", "--positive-label");

        assertEquals(2, result.status());
        assertTrue(result.err().startsWith("promptly-local simulate: --positive-label: needs a value"), result.err());
    }

    @Test
    void anUnknownShopIsNamedWithTheKnownOnes() throws Exception {
        Path messages = file("messages.csv", "text\nWo ist mein Paket?\n");

        var result = run("--messages", messages.toString(), "--shop", "other-shop.myshopify.com");

        assertEquals(2, result.status());
        assertEquals("promptly-local simulate: --shop: 'other-shop.myshopify.com' is not in the configuration (shops: demo-shop.myshopify.com)",
                result.err().strip());
    }

    @Test
    void anInvalidConfigurationIsReportedWithItsProblems() throws Exception {
        Path config = file("broken.json", "{\"shops\": {}}");
        Path messages = file("messages.csv", "text\nWo ist mein Paket?\n");

        var result = run("--messages", messages.toString(), "--config", config.toString());

        assertEquals(2, result.status());
        assertTrue(result.err().contains("shops: must be an object with at least one shop"), result.err());
    }

    @Test
    void helpPrintsTheUsage() {
        var result = run("--help");

        assertEquals(0, result.status());
        assertTrue(result.out().startsWith("usage: java -jar local/target/promptly-local.jar simulate --messages FILE.csv"), result.out());
    }
}
