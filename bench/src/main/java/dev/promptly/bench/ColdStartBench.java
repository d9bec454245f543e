package dev.promptly.bench;

import dev.promptly.wiring.ConfigSource;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.config.PromptlyConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Cold start per function: for each run a fresh JVM with the Lambda runtime's flags runs the function's
 * deployment artifact against DynamoDB Local in this process; the table is emptied and the event's
 * preconditions seeded before each run. Rounds interleave the functions and the baseline, so machine
 * noise hits all of them alike.
 *
 * <p>Runtimes: {@code ric} (the default) runs AWS's Lambda runtime interface client against
 * {@link FakeLambdaRuntime}, so a run covers what Lambda's does: JVM start, handler load and construction,
 * fetching the event, decoding it, the handler, encoding and posting the answer. {@code launcher} runs our
 * own {@code ColdStartLauncher} instead, which decodes HTTP events with the function's Jackson, encodes
 * nothing, and reports where the time goes inside the JVM (and can prime).
 *
 * <p>Modes: {@code plain} (the JDK's default CDS archive only), {@code primed} (launcher only: SnapStart's
 * {@code beforeCheckpoint} called before the first invoke, in the same JVM) and {@code appcds} (a
 * dynamic AppCDS archive made by one training run per function, then used by every measured run).
 */
final class ColdStartBench {
    static final String TABLE = "promptly-bench";
    /** Lambda's Java runtime and our JAVA_TOOL_OPTIONS (template.yaml): C1 only, the serial collector. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            // The function's memory setting (1024 MB): heap sizing as the JVM would see it in the sandbox.
            "-XX:MaxRAM=1g", "-Xshare:auto");

    private final Path repo;
    private final Path work;
    private final BenchEvents events;
    private final int runs;
    private final List<String> modes;
    private final List<String> only;
    private final ChildRuntime runtime;
    private RuntimeClient runtimeClient;

    /** What stands in for Lambda's runtime in the child JVM. */
    enum ChildRuntime {
        RIC, LAUNCHER;

        static ChildRuntime of(String option) {
            return switch (option) {
                case "ric" -> RIC;
                case "launcher" -> LAUNCHER;
                default -> throw new IllegalArgumentException("--runtime must be ric or launcher, not " + option);
            };
        }

        /** The default modes: priming needs the launcher (the client primes only SnapStart's own CRaC context, not org.crac's). */
        String defaultModes() {
            return this == RIC ? "plain,appcds" : "plain,primed,appcds";
        }
    }

    ColdStartBench(Path repo, int runs, List<String> modes, List<String> only, ChildRuntime runtime) {
        if (runtime == ChildRuntime.RIC && modes.contains("primed")) {
            throw new IllegalArgumentException("--modes primed needs --runtime launcher: the runtime interface client only primes"
                    + " resources registered with its own CRaC context, our handlers register with org.crac");
        }
        this.runtime = runtime;
        this.repo = repo;
        this.work = repo.resolve("bench/target/cold-start");
        this.events = new BenchEvents(repo);
        this.runs = runs;
        this.modes = modes;
        this.only = only;
    }

    /** One function (or the baseline) as the cold-start run sees it. */
    record Target(String name, Path jar, String handler, String kind, boolean hasHook, Path event, Seed seed, Predicate<String> ok,
                  Predicate<Seeding> effect) {
    }

    interface Seed {
        void into(Seeding s) throws Exception;
    }

    /** What a seed may use: the in-process handlers (same table, same example configuration) and the bench's clock. */
    record Seeding(BenchSystem system, BenchEvents events, FakeAws aws, Path scratch, Clock clock) {
    }

    List<Target> targets() {
        Path outboxEvent = work.resolve("outbox-stream-event.json");
        Path delayEvent = events.file("outbox-sender/schedule.json");
        Path agentEvent = work.resolve("agent-replied-event.json");
        Path ticketEvent = work.resolve("helpdesk-ticket-event.json");
        Path ticketReplyEvent = work.resolve("helpdesk-reply-event.json");
        Path whatsAppEvent = work.resolve("whatsapp-message-event.json");
        List<Target> all = List.of(
                new Target("baseline (bare PutItem)", repo.resolve("bench/baseline/target/promptly-bench-baseline-function.jar"),
                        "dev.promptly.bench.baseline.BarePutItemHandler", "stream", false,
                        events.file("shopify-webhook/orders-create.json"), s -> { }, r -> r.contains("\"written\":1"), s -> true),
                new Target("shopify-webhook", function("shopify-webhook"), "dev.promptly.functions.webhook.ShopifyWebhookHandler", "http", true,
                        events.file("shopify-webhook/orders-create.json"), s -> { }, r -> r.startsWith("status 200") && r.contains("applied"), s -> true),
                new Target("shopify-webhook (EventBridge)", function("shopify-webhook"), "dev.promptly.functions.webhook.ShopifyEventBridgeHandler",
                        "stream", false, events.file("shopify-eventbridge/orders-updated.json"), s -> { }, r -> r.contains("applied"), s -> true),
                new Target("messages-api", function("messages-api"), "dev.promptly.functions.messages.MessagesHandler", "http", true,
                        events.file("messages/email-relay-de.json"), ColdStartBench::sampleOrder, r -> r.startsWith("status 202"), s -> true),
                new Target("inbound-email", function("inbound-email"), "dev.promptly.functions.email.SesEmailHandler", "stream", true,
                        events.file("ses-inbound/receipt.json"), ColdStartBench::storedMail, r -> true,
                        s -> !s.system().outboxKeys(BenchEvents.SHOP).isEmpty()),
                new Target("outbox-sender (sweep)", function("outbox-sender"), "dev.promptly.functions.outbox.OutboxSweepHandler", "stream", true,
                        events.file("outbox-sender/schedule.json"), ColdStartBench::pendingAcknowledgement, r -> true,
                        s -> s.aws().mailsSent() > 0),
                new Target("outbox-sender (stream)", function("outbox-sender"), "dev.promptly.functions.outbox.OutboxStreamHandler", "stream", true,
                        outboxEvent, s -> streamEventFor(s, outboxEvent), r -> r.contains("\"batchItemFailures\":[]"),
                        s -> s.aws().mailsSent() > 0),
                new Target("data-export", function("data-export"), "dev.promptly.functions.export.DataExportHandler", "http", false,
                        events.file("data-export/get-export.json"), ColdStartBench::preparedExport, r -> r.startsWith("status 200"), s -> true),
                new Target("delay-scan", function("delay-scan"), "dev.promptly.functions.delay.DelayScanHandler", "stream", true,
                        delayEvent, ColdStartBench::lateOrder, r -> r.contains("\"due\":1"), s -> true),
                new Target("conversation-events", function("conversation-events"), "dev.promptly.functions.events.ConversationEventsHandler",
                        "http", true, agentEvent, s -> agentEventFor(s, agentEvent),
                        r -> r.startsWith("status 200") && r.contains("\"clocks\""), s -> true),
                // Nothing is due in the first minutes after a message (the first warning comes an hour before the
                // target), so this measures a run that reads the due index and finds nothing: the common case.
                new Target("sla-monitor", function("sla-monitor"), "dev.promptly.functions.sla.SlaMonitorHandler", "stream", true,
                        events.file("sla-monitor/schedule.json"), ColdStartBench::pendingAcknowledgement, r -> true,
                        s -> answers(s) == 1),
                new Target("sla-monitor (one due)", function("sla-monitor"), "dev.promptly.functions.sla.SlaMonitorHandler", "stream", true,
                        events.file("sla-monitor/schedule.json"), ColdStartBench::overdueConversation, r -> true,
                        s -> answers(s) > 1),
                // A customer's new Zendesk ticket asking about the stored order: linked, answered, the ticket's note queued.
                new Target("helpdesk-events", function("helpdesk-events"), "dev.promptly.functions.helpdesk.HelpdeskEventsHandler", "http", true,
                        ticketEvent, s -> ColdStartSeeds.customerTicket(s, ticketEvent),
                        r -> r.startsWith("status 200") && r.contains("\"events\":[\"customer_message"), ColdStartSeeds::ticketLinkedAndNoted),
                new Target("helpdesk-events (agent reply)", function("helpdesk-events"), "dev.promptly.functions.helpdesk.HelpdeskEventsHandler",
                        "http", true, ticketReplyEvent, s -> ColdStartSeeds.agentReplyOnTicket(s, ticketReplyEvent),
                        r -> r.startsWith("status 200") && r.contains("\"events\":[\"agent_replied\"]"), ColdStartSeeds::agentReplyRecorded),
                new Target("whatsapp-webhook", function("whatsapp-webhook"), "dev.promptly.functions.whatsapp.WhatsAppWebhookHandler", "http", true,
                        whatsAppEvent, s -> ColdStartSeeds.whatsAppQuestion(s, whatsAppEvent),
                        r -> r.startsWith("status 200") && r.contains("\"recorded\":1"), ColdStartSeeds::whatsAppAnswerQueued),
                new Target("kpi-rollup", function("kpi-rollup"), "dev.promptly.functions.kpi.KpiRollupHandler", "stream", true,
                        events.file("kpi-rollup/schedule.json"), ColdStartSeeds::kpiSources,
                        r -> r.contains("\"days\":9,\"conversations\":" + ColdStartSeeds.KPI_CONVERSATION_AGES.size()) && r.contains("\"complete\":true"),
                        ColdStartSeeds::kpiDaysStored));
        return all.stream().filter(t -> t.name().startsWith("baseline") || only.isEmpty()
                || only.stream().anyMatch(o -> t.name().startsWith(o))).toList();
    }

    /** The shop's outbox records other than team copies (the example configuration copies each message to the team). */
    private static long answers(Seeding s) {
        return s.system().outboxKeys(BenchEvents.SHOP).stream().filter(key -> !key.contains("-team_copy-")).count();
    }

    private Path function(String module) {
        return repo.resolve("functions/" + module + "/target/promptly-" + module + "-function.jar");
    }

    // --- seeds: the state each sample event expects, written through the in-process handlers ---

    static void sampleOrder(Seeding s) {
        var event = BenchSystem.httpEvent(BenchEvents.tree(s.events().read("shopify-webhook/orders-create.json")));
        BenchSystem.expectStatus(s.system().webhook.handleRequest(event, null), 200, "seed orders/create");
    }

    private static void storedMail(Seeding s) {
        sampleOrder(s);
        String id = BenchEvents.tree(s.events().read("ses-inbound/receipt.json")).at("/Records/0/ses/mail/messageId").asText();
        // The sample receipt's sender, asking about the sample order #1001.
        s.aws().putMail(id, BenchEvents.rawMail("anna.beispiel@example.com", 1001, id, Instant.now()));
    }

    /**
     * The sample order and the sample message, received a minute before the bench's clock: its acknowledgement
     * waits in the outbox, and its first-response checkpoint lies hours ahead (nothing due for the SLA monitor).
     */
    static void pendingAcknowledgement(Seeding s) {
        messageReceived(s, s.clock().instant().minus(Duration.ofMinutes(1)));
    }

    /**
     * The same conversation received six days before the bench's clock (the API trusts a client's
     * {@code received_at} up to seven days back): six days hold at least two working days on any date, Easter
     * and Christmas included, so the 4-hour first-response target has passed and the SLA monitor has an alert due.
     */
    static void overdueConversation(Seeding s) {
        messageReceived(s, s.clock().instant().minus(Duration.ofDays(6)));
    }

    private static void messageReceived(Seeding s, Instant receivedAt) {
        sampleOrder(s);
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) BenchEvents.tree(s.events().read("message-bodies/email-relay-de.json"));
        body.put("received_at", receivedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        var event = BenchSystem.httpEvent(s.events().signedMessageEvent(body.toString()));
        BenchSystem.expectStatus(s.system().messages.handleRequest(event, null), 202, "seed message");
        if (s.system().outboxKeys(BenchEvents.SHOP).isEmpty()) {
            throw new IllegalStateException("seed message left no outbox record");
        }
    }

    private static void streamEventFor(Seeding s, Path file) throws IOException {
        pendingAcknowledgement(s);
        String sk = s.system().outboxKeys(BenchEvents.SHOP).get(0);
        Files.writeString(file, BenchEvents.streamInsert(BenchEvents.SHOP, sk, 1).toString());
    }

    /** A conversation from the sample message, and the sample agent_replied event pointed at its ticket, at the current time. */
    private static void agentEventFor(Seeding s, Path file) throws IOException {
        sampleOrder(s);
        var event = BenchSystem.httpEvent(BenchEvents.tree(s.events().read("messages/email-relay-de.json")));
        var answer = s.system().messages.handleRequest(event, null);
        BenchSystem.expectStatus(answer, 202, "seed message");
        String ticket = BenchEvents.tree(answer.getBody()).path("ticket").asText();
        Files.writeString(file, s.events().read("conversation-events/agent-replied.json").replace("PR-7K3M9QX2AB", ticket)
                .replace(", \\\"at\\\": \\\"2026-11-25T10:00:00Z\\\"", ""));
    }

    private static void preparedExport(Seeding s) {
        sampleOrder(s);
        var event = BenchSystem.httpEvent(BenchEvents.tree(s.events().read("shopify-webhook/customers-data-request.json")));
        BenchSystem.expectStatus(s.system().webhook.handleRequest(event, null), 200, "seed customers/data_request");
    }

    /** One order placed ten days ago and never shipped: late, and due for the scan at once. */
    private static void lateOrder(Seeding s) {
        String body = s.events().webhookBody("orders-create", 1, Instant.now().minus(Duration.ofDays(10)));
        var event = BenchSystem.httpEvent(s.events().webhookEvent("orders/create", body, "bench-late-order"));
        BenchSystem.expectStatus(s.system().webhook.handleRequest(event, null), 200, "seed late order");
    }

    // --- the run ---

    record Run(Target target, String mode, Map<String, Double> values) {
        double get(String key) {
            return values.getOrDefault(key, Double.NaN);
        }
    }

    List<Run> run() throws Exception {
        Files.createDirectories(work);
        List<Target> targets = targets();
        for (Target t : targets) {
            if (!Files.isRegularFile(t.jar())) {
                throw new IllegalStateException(t.jar() + " is missing: build with mvn -q -B -DskipTests package");
            }
        }
        Path launcher = repo.resolve("bench/launcher/target/promptly-bench-launcher.jar");
        if (runtime == ChildRuntime.RIC) {
            runtimeClient = RuntimeClient.from(repo.resolve("bench/target/lambda-runtime"), work.resolve("ric"));
        }
        PromptlyConfig config = ConfigSource.loadFile(repo.resolve("config/promptly.example.json"), true);
        List<Run> results = new ArrayList<>();
        try (var dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
             var aws = new FakeAws();
             var client = dynamo.newClient()) {
            // The children read the system clock, so the seeds do too: data dated relative to it, fresh on any day.
            Clock clock = Clock.systemUTC();
            var system = new BenchSystem(client, TABLE, config, aws, clock);
            var seeding = new Seeding(system, events, aws, work, clock);
            Map<String, String> env = childEnvironment(dynamo, aws);
            if (modes.contains("appcds")) {
                Files.createDirectories(work.resolve("cds"));
                for (Target t : targets) {
                    dynamo.reset();
                    t.seed().into(seeding);
                    Path archive = archive(t);
                    Files.deleteIfExists(archive);
                    Map<String, Double> training = launch(t, "train", launcher, env);
                    if (!Files.isRegularFile(archive)) {
                        throw new IllegalStateException("no AppCDS archive written for " + t.name());
                    }
                    System.err.printf(Locale.ROOT, "AppCDS archive for %s: %,d bytes (training run %.0f ms)%n", t.name(), Files.size(archive),
                            training.get("total"));
                }
            }
            for (int round = 0; round < runs; round++) {
                for (String mode : modes) {
                    for (int i = 0; i < targets.size(); i++) {
                        Target t = targets.get((i + round) % targets.size());
                        if (mode.equals("primed") && !t.hasHook()) {
                            continue;
                        }
                        dynamo.reset();
                        t.seed().into(seeding);
                        aws.resetMailsSent();
                        results.add(new Run(t, mode, launch(t, mode, launcher, env)));
                        if (!t.effect().test(seeding)) {
                            throw new IllegalStateException(t.name() + " (" + mode + ") returned but did not do its work");
                        }
                    }
                }
                System.err.printf(Locale.ROOT, "round %d of %d done%n", round + 1, runs);
            }
        }
        return results;
    }

    private Path archive(Target t) {
        return work.resolve("cds/" + t.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "") + ".jsa");
    }

    private Map<String, String> childEnvironment(EmbeddedDynamoDb dynamo, FakeAws aws) throws IOException {
        Path home = Files.createDirectories(work.resolve("home"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString()); // no ~/.aws of whoever runs this
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("TABLE_NAME", TABLE);
        env.put("PROMPTLY_CONFIG_FILE", repo.resolve("config/promptly.example.json").toString());
        env.put("AWS_REGION", "eu-central-1");
        env.put("AWS_ACCESS_KEY_ID", "local"); // DynamoDB Local keeps one database per access key and region
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_S3", aws.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SESV2", aws.endpoint().toString());
        env.put("INBOUND_MAIL_BUCKET", FakeAws.BUCKET);
        env.put("INBOUND_MAIL_PREFIX", FakeAws.PREFIX);
        if (runtime == ChildRuntime.RIC) {
            // Deployed, a function reads its configuration and secrets from SSM (literal secrets are refused there).
            aws.putParameters(DeployedConfig.parameters(Files.readString(repo.resolve("config/promptly.example.json"))));
            env.remove("PROMPTLY_CONFIG_FILE");
            env.put("PROMPTLY_CONFIG_PARAMETER", DeployedConfig.CONFIG_PARAMETER);
            env.put("AWS_ENDPOINT_URL_SSM", aws.endpoint().toString());
        }
        return env;
    }

    private Map<String, Double> launch(Target t, String mode, Path launcher, Map<String, String> env) throws Exception {
        return runtime == ChildRuntime.RIC ? launchThroughRuntimeClient(t, mode, env) : launchWithLauncher(t, mode, launcher, env);
    }

    /** The JVM's command line up to the classpath: the Lambda flags, diagnosis flags, and the AppCDS flag of the mode. */
    private List<String> javaCommand(Target t, String mode) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_FLAGS);
        // For diagnosis only, e.g. -Dbench.childFlags=-Xlog:class+load:file=classes-%p.log (not used for the published figures).
        String extra = System.getProperty("bench.childFlags", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        if (mode.equals("train")) {
            command.add("-XX:ArchiveClassesAtExit=" + archive(t));
        } else if (mode.equals("appcds")) {
            command.add("-XX:SharedArchiveFile=" + archive(t));
        }
        return command;
    }

    /**
     * One cold start as Lambda does it: a JVM running the runtime interface client's {@code AWSLambda} main
     * with the handler, which loads the function, asks {@link FakeLambdaRuntime} for the event, decodes it,
     * calls the handler, encodes the answer and posts it. Measured here: spawn → first {@code next} (init),
     * first {@code next} → response (the unprimed first invoke), spawn → response (the cold start).
     */
    private Map<String, Double> launchThroughRuntimeClient(Target t, String mode, Map<String, String> env) throws Exception {
        List<String> command = javaCommand(t, mode);
        // The JNI library the client would copy to the fixed /tmp/.libaws-lambda-jni.so on every start
        // (JniHelper): loaded from our own copy, so parallel runs on one machine never share that file.
        command.add("-D" + RuntimeClient.JNI_PROPERTY + "=" + runtimeClient.jniLibrary());
        command.addAll(List.of("-cp", runtimeClient.classpath(t.jar()), RuntimeClient.MAIN, deployedHandler(t)));
        String requestId = UUID.randomUUID().toString();
        String function = functionName(t);
        try (var api = new FakeLambdaRuntime(Files.readAllBytes(t.event()), requestId,
                "arn:aws:lambda:eu-central-1:123456789012:function:" + function, Duration.ofSeconds(30), Clock.systemUTC())) {
            Map<String, String> childEnv = new LinkedHashMap<>(env);
            childEnv.putAll(RuntimeClient.lambdaEnvironment(function, deployedHandler(t), api.address(), taskRoot()));
            var builder = new ProcessBuilder(command).directory(taskRoot().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("child-output.log").toFile()));
            builder.environment().clear();
            builder.environment().putAll(childEnv);
            long spawned = System.nanoTime();
            Process process = builder.start();
            var outcome = java.util.Optional.<FakeLambdaRuntime.Outcome>empty();
            long waitUntil = spawned + TimeUnit.SECONDS.toNanos(120);
            while (outcome.isEmpty() && process.isAlive() && System.nanoTime() < waitUntil) {
                outcome = api.awaitOutcome(Duration.ofMillis(200));
            }
            if (outcome.isEmpty()) {
                outcome = api.awaitOutcome(Duration.ofMillis(200));
            }
            // Lambda freezes the sandbox here; a SIGTERM lets the JVM exit normally, which writes the AppCDS archive of a training run.
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (outcome.isEmpty()) {
                throw new IllegalStateException(t.name() + " (" + mode + ") posted no answer; see " + work.resolve("child-output.log"));
            }
            var answer = outcome.get();
            if (!answer.succeeded()) {
                throw new IllegalStateException(t.name() + " (" + mode + ") reported " + answer.kind() + ": " + oneLine(answer.text())
                        + "; see " + work.resolve("child-output.log"));
            }
            String response = RuntimeClient.readable(t.kind(), answer.text());
            if (!t.ok().test(response)) {
                throw new IllegalStateException(t.name() + " (" + mode + ") answered unexpectedly: " + oneLine(response));
            }
            long initDone = api.firstNextNanos().orElseThrow();
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("total", (answer.receivedNanos() - spawned) / 1e6);
            v.put("init", (initDone - spawned) / 1e6);
            v.put("firstInvoke", (answer.receivedNanos() - initDone) / 1e6);
            return v;
        }
    }

    /**
     * The handler string as template.yaml gives it ({@code <class>::handleRequest}, which makes the client choose
     * among the class's {@code handleRequest} overloads); the baseline names its class alone.
     */
    static String deployedHandler(Target t) {
        return t.name().startsWith("baseline") ? t.handler() : t.handler() + "::handleRequest";
    }

    private Path taskRoot() throws IOException {
        // The client reads the function from its working directory (Lambda's /var/task) as well: an empty one here,
        // so every class comes from the classpath, the same for the functions and the baseline.
        return Files.createDirectories(work.resolve("task"));
    }

    static String functionName(Target t) {
        return t.name().startsWith("baseline") ? "baseline" : t.name().split(" ")[0];
    }

    private static String oneLine(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) : flat;
    }

    private Map<String, Double> launchWithLauncher(Target t, String mode, Path launcher, Map<String, String> env) throws Exception {
        Path result = work.resolve("result.properties");
        Files.deleteIfExists(result);
        List<String> command = javaCommand(t, mode);
        command.addAll(List.of("-cp", t.jar() + java.io.File.pathSeparator + launcher, "dev.promptly.bench.launcher.ColdStartLauncher",
                t.handler(), t.event().toString(), t.kind(), mode.equals("primed") || (mode.equals("train") && t.hasHook()) ? "primed" : "plain",
                result.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("child-output.log").toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        long spawned = System.currentTimeMillis();
        Process process = builder.start();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(t.name() + " (" + mode + ") did not finish within 120 s");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(result)) {
            throw new IllegalStateException(t.name() + " (" + mode + ") failed with exit code " + process.exitValue()
                    + "; see " + work.resolve("child-output.log"));
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(result)));
        String response = p.getProperty("response", "");
        if (!t.ok().test(response)) {
            throw new IllegalStateException(t.name() + " (" + mode + ") answered unexpectedly: " + response);
        }
        Map<String, Double> v = new LinkedHashMap<>();
        long returned = Long.parseLong(p.getProperty("returnedMillis"));
        long jvmStart = Long.parseLong(p.getProperty("jvmStartMillis"));
        v.put("total", (double) (returned - spawned));
        v.put("fromJvmStart", (double) (returned - jvmStart));
        v.put("toMain", (double) (Long.parseLong(p.getProperty("mainMillis")) - spawned));
        v.put("classInit", millis(p, "classInitNanos"));
        v.put("constructor", millis(p, "constructorNanos"));
        v.put("priming", millis(p, "primingNanos"));
        v.put("decode", millis(p, "decodeNanos"));
        v.put("handle", millis(p, "handleNanos"));
        v.put("classes", Double.parseDouble(p.getProperty("classesLoaded")));
        return v;
    }

    private static double millis(Properties p, String key) {
        return Long.parseLong(p.getProperty(key)) / 1e6;
    }
}
