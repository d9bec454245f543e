package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.wiring.PromptlyEnvironment;
import dev.promptly.aws.dynamodb.PromptlyTable;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * Checks that {@code template.yaml} deploys what the code expects: handlers that exist and take their
 * trigger's event, the HTTP routes, the table's keys, indexes, TTL and stream, the outbox stream filter,
 * the SES receipt rule, the environment, no secrets, and SnapStart. Maven runs the tests of this module
 * with {@code local/} as working directory.
 */
class TemplateContractTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    /** Not a SAM event source: an SES receipt rule whose Lambda action invokes a function of the template. */
    private static final String SES_RECEIPT_RULE = "SesReceiptRule";
    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String templateText;
    private static Map<String, Object> template;

    @BeforeAll
    static void readTemplate() throws IOException {
        assertTrue(Files.isRegularFile(TEMPLATE), "template.yaml not found at " + TEMPLATE.toAbsolutePath().normalize());
        templateText = Files.readString(TEMPLATE);
        try (Reader reader = Files.newBufferedReader(TEMPLATE)) {
            Object loaded = new Yaml(new CloudFormationConstructor(new LoaderOptions())).load(reader);
            template = asMap(loaded, "template.yaml");
        }
    }

    // -------------------------------------------------------------------------------------------------
    // a) handlers exist
    // -------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionHandlerNamesAnExistingClassWithAPublicNoArgConstructorInItsCodeUriModule() {
        functions().forEach((name, properties) -> {
            Handler handler = handler(name, properties);
            Class<?> type = handlerClass(name, handler);
            try {
                var constructor = type.getConstructor();
                assertTrue(Modifier.isPublic(constructor.getModifiers()), name + ": " + type.getName() + "() is not public");
            } catch (NoSuchMethodException e) {
                fail(name + ": " + type.getName() + " has no public no-argument constructor, which Lambda needs to instantiate it");
            }
            assertFalse(publicMethods(type, handler.method()).isEmpty(),
                    name + ": " + type.getName() + " has no public method " + handler.method());
            // The class must come from the module that is deployed for this function, not just be on
            // this test's classpath: the one whose shaded jar the Makefile builds the function from.
            String module = builtModule(name);
            Path source = Path.of("..", module, "src", "main", "java", type.getName().replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source),
                    name + ": handler " + type.getName() + " is not in its CodeUri module " + module + " (no " + source + ")");
        });
    }

    // -------------------------------------------------------------------------------------------------
    // a2) sam build: the root Makefile builds every function (SAM runs make, so these run it too, dry)
    // -------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionIsBuiltBySamBuildWithTheRootMakefileIntoTheLibDirectoryOfItsPackage() {
        functions().forEach((name, properties) -> {
            // SAM's makefile builder runs `make build-<LogicalId>` with the Makefile found in CodeUri.
            assertEquals(".", properties.get("CodeUri"), name + ": CodeUri must be the repository root, where the Makefile is");
            Map<String, Object> metadata = asMap(asMap(asMap(template.get("Resources"), "Resources").get(name), name).get("Metadata"),
                    name + ".Metadata (BuildMethod: makefile, so that sam build runs the Makefile)");
            assertEquals("makefile", metadata.get("BuildMethod"), name + ".Metadata.BuildMethod");

            String commands = make("build-" + name, "ARTIFACTS_DIR=/artifacts/" + name);

            String module = builtModule(name);
            assertTrue(commands.contains("/" + module + "/target/promptly-" + module.substring("functions/".length()) + "-function.jar \"/artifacts/"
                            + name + "/lib/\""),
                    name + ": the Makefile must copy the shaded jar of " + module + " into $(ARTIFACTS_DIR)/lib/ (Lambda's Java class path):\n" + commands);
        });
    }

    @Test
    void theMakefileRunsMavenForTheFunctionJarsOnlyWhileTheyAreOlderThanTheSources() throws IOException {
        Path fresh = Files.createTempFile("sam-function-jars", ".stamp");
        Path missing = fresh.resolveSibling("missing-" + fresh.getFileName());
        try {
            String firstFunction = make("build-MessagesFunction", "ARTIFACTS_DIR=/artifacts", "STAMP=" + missing);
            String laterFunction = make("build-DelayScanFunction", "ARTIFACTS_DIR=/artifacts", "STAMP=" + fresh);

            String maven = firstFunction.lines().filter(line -> line.contains("mvn") && line.contains(" package ") && line.contains(" -am"))
                    .findFirst().orElseGet(() -> fail("without built jars, the first function's target must run Maven:\n" + firstFunction));
            // One run builds the jars of all functions, so the later targets find them built.
            functions().keySet().forEach(function -> assertTrue(maven.contains(builtModule(function) + ",") || maven.contains(builtModule(function) + " "),
                    "the Maven run must build " + builtModule(function) + " (FUNCTION_MODULES in the Makefile), for " + function + ":\n" + maven));
            assertFalse(laterFunction.contains("mvn"), "once the jars are newer than every source, the next function's target only copies:\n"
                    + laterFunction);
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    @Test
    void aFunctionWithoutItsModuleInTheMakefileFailsTheBuildNamingTheLineToAdd() {
        var result = runMake("build-SomeNewFunction", "ARTIFACTS_DIR=/artifacts");

        assertFalse(result.exitCode() == 0, "make must fail for a function without a target");
        assertTrue(result.output().contains("no module for function SomeNewFunction"), result.output());
    }

    @Test
    void theEndpointOverrideIsDeclaredForSamLocalButAbsentFromADeployment() {
        Map<String, Object> variables = variables(globalFunction(), "Globals.Function");
        assertEquals(Map.of("Fn::If", List.of("HasLocalEndpoint", Map.of("Ref", "LocalEndpointUrl"), Map.of("Ref", "AWS::NoValue"))),
                variables.get("AWS_ENDPOINT_URL"), "Globals: AWS_ENDPOINT_URL must be LocalEndpointUrl when it is set, and absent otherwise");

        var deployed = new DeployedTemplate(template, "promptly", Map.of(), Map.of());
        var local = new DeployedTemplate(template, "promptly", Map.of("LocalEndpointUrl", "http://host.docker.internal:4566"), Map.of());

        // The AWS SDK refuses an empty endpoint override, so the default must leave the variable out.
        assertFalse(deployedVariables(deployed).containsKey("AWS_ENDPOINT_URL"), "deployed with the defaults, no endpoint override");
        assertEquals("http://host.docker.internal:4566", deployedVariables(local).get("AWS_ENDPOINT_URL"));
    }

    @Test
    void samconfigBuildsInSourceAndPointsSamLocalAtLocalStackOnTheDockerHost() throws IOException {
        Map<String, Map<String, String>> samconfig = toml(Files.readString(Path.of("..", "samconfig.toml")));

        assertEquals("true", samconfig.getOrDefault("default.build.parameters", Map.of()).get("build_in_source"));
        assertEquals("\"CAPABILITY_IAM\"", samconfig.getOrDefault("default.deploy.parameters", Map.of()).get("capabilities"));
        for (String command : List.of("local_invoke", "local_start_api")) {
            Map<String, String> local = samconfig.getOrDefault("default." + command + ".parameters", Map.of());
            assertEquals("\"LocalEndpointUrl=http://host.docker.internal:4566\"", local.get("parameter_overrides"), command);
            // Docker Desktop names the host; Linux needs the mapping.
            assertEquals("[\"host.docker.internal:host-gateway\"]", local.get("add_host"), command);
        }
        Map<String, Object> parameters = asMap(template.get("Parameters"), "Parameters");
        assertTrue(parameters.containsKey("LocalEndpointUrl"), "samconfig.toml overrides LocalEndpointUrl, which template.yaml must declare");
    }

    /** The module whose shaded jar the Makefile's target for {@code function} copies, e.g. functions/messages-api. */
    private static String builtModule(String function) {
        String commands = make("build-" + function, "ARTIFACTS_DIR=/artifacts");
        Matcher jar = Pattern.compile("(functions/[a-z-]+)/target/promptly-[a-z-]+-function\\.jar").matcher(commands);
        assertTrue(jar.find(), function + ": the Makefile's build-" + function + " copies no function jar:\n" + commands);
        return jar.group(1);
    }

    /** The commands {@code make} would run for {@code target} (a dry run: nothing is built or copied). */
    private static String make(String target, String... variables) {
        var result = runMake(target, variables);
        assertEquals(0, result.exitCode(), "make -n " + target + " failed:\n" + result.output());
        return result.output();
    }

    private record MakeResult(int exitCode, String output) {
    }

    private static MakeResult runMake(String target, String... variables) {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-n", "-f", Path.of("..", "Makefile").toAbsolutePath().normalize().toString(), target));
        command.addAll(List.of(variables));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new MakeResult(process.waitFor(), output);
        } catch (IOException e) {
            return fail("cannot run make (needed by sam build too): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deployedVariables(DeployedTemplate deployed) {
        Map<String, Object> function = (Map<String, Object>) deployed.resolve(globalFunction());
        return variables(function, "Globals.Function (deployed)");
    }

    /** Tables and their {@code key = value} lines, values as written; enough for samconfig.toml. */
    private static Map<String, Map<String, String>> toml(String text) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        String table = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                table = line.substring(1, line.indexOf(']'));
                continue;
            }
            int equals = line.indexOf('=');
            tables.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return tables;
    }

    // -------------------------------------------------------------------------------------------------
    // b) handlers take their trigger's event
    // -------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionHandlerClassExistsAndTakesItsTriggersEventType() {
        Map<String, List<Trigger>> invokedByResources = receiptRuleTriggers();
        functions().forEach((name, properties) -> {
            Handler handler = handler(name, properties);
            Class<?> type = handlerClass(name, handler);
            List<Trigger> triggers = new ArrayList<>();
            asMap(properties.getOrDefault("Events", Map.of()), name + ".Events").forEach((eventName, eventValue) -> triggers.add(new Trigger(
                    eventName, asString(asMap(eventValue, name + ".Events." + eventName).get("Type"), name + ".Events." + eventName + ".Type"))));
            triggers.addAll(invokedByResources.getOrDefault(name, List.of()));
            assertFalse(triggers.isEmpty(), name + ": declares no Events and no receipt rule invokes it, so nothing would ever invoke it");
            triggers.forEach(trigger -> {
                String eventType = trigger.type();
                String where = name + " (" + eventType + " event " + trigger.name() + "): " + type.getName();
                switch (eventType) {
                    case "HttpApi" -> {
                        Type input = requestHandlerInput(type);
                        assertNotNull(input, where + " does not implement RequestHandler<APIGatewayV2HTTPEvent, ?>");
                        assertEquals(APIGatewayV2HTTPEvent.class, input,
                                where + " must take APIGatewayV2HTTPEvent (HTTP API payload format 2.0), not " + input.getTypeName());
                        assertEquals("handleRequest", handler.method(), where + ": RequestHandler's method is handleRequest");
                        // What Lambda calls: given ::handleRequest, the runtime interface client takes the longest of the
                        // overloads, (InputStream, OutputStream, Context) first (EventHandlerLoader's methodPriority), so the
                        // event is read and the answer written by our HttpEventCodec, not by the runtime's serialisation library.
                        assertTrue(RequestStreamHandler.class.isAssignableFrom(type),
                                where + " must also implement RequestStreamHandler, reading and writing the HTTP event itself");
                    }
                    // A rule on a bus or a schedule: both deliver an EventBridge event.
                    case "EventBridgeRule", "Schedule", "ScheduleV2" -> assertReadsJsonEvent(where, type, handler, EVENTS + "ScheduledEvent");
                    case "DynamoDB" -> assertReadsJsonEvent(where, type, handler, EVENTS + "DynamodbEvent");
                    case SES_RECEIPT_RULE -> assertReadsJsonEvent(where, type, handler, EVENTS + "SESEvent");
                    default -> fail(where + ": no contract is known for event type " + eventType + "; extend this test");
                }
            });
        });
    }

    /** JSON events other than HTTP: read as a stream, as a Map, or as the events library's class for them. */
    private static void assertReadsJsonEvent(String where, Class<?> type, Handler handler, String eventClass) {
        Type input = requestHandlerInput(type);
        boolean stream = RequestStreamHandler.class.isAssignableFrom(type);
        boolean eventMap = input != null && (rawClass(input) == Map.class || eventClass.equals(input.getTypeName()));
        String simpleName = eventClass.substring(eventClass.lastIndexOf('.') + 1);
        assertTrue(stream || eventMap, where + " must implement RequestStreamHandler or RequestHandler<Map|" + simpleName + ", ?> to read its event");
        assertEquals("handleRequest", handler.method(), where + ": the handler interface's method is handleRequest");
    }

    // -------------------------------------------------------------------------------------------------
    // c) HTTP routes
    // -------------------------------------------------------------------------------------------------

    @Test
    void theHttpRoutesAreExactlyTheShopifyWebhookTheDataExportTheMessagesTheConversationEventsAndTheHelpdeskEndpoint() {
        Set<String> routes = new TreeSet<>();
        Map<String, String> handlers = new TreeMap<>();
        functions().forEach((name, properties) -> asMap(properties.getOrDefault("Events", Map.of()), name + ".Events")
                .forEach((eventName, eventValue) -> {
                    Map<String, Object> event = asMap(eventValue, name + ".Events." + eventName);
                    if (!"HttpApi".equals(event.get("Type"))) {
                        return;
                    }
                    Map<String, Object> p = asMap(event.get("Properties"), name + ".Events." + eventName + ".Properties");
                    assertEquals(Map.of("Ref", "HttpApi"), p.get("ApiId"),
                            name + ".Events." + eventName + ": ApiId must be !Ref HttpApi, not the implicit API");
                    String route = asString(p.get("Method"), eventName + ".Method").toUpperCase() + " " + asString(p.get("Path"), eventName + ".Path");
                    assertTrue(routes.add(route), "route " + route + " is declared twice");
                    handlers.put(route, handler(name, properties).className());
                }));
        assertEquals(Set.of("POST /webhooks/shopify", "GET /data-requests/{requestId}", "POST /messages", "POST /conversations/{id}/events",
                        "GET /whatsapp/{shop}", "POST /whatsapp/{shop}",
                        "POST /helpdesks/{vendor}/{shop}", "GET /reports/{shop}", "GET /csat/{token}", "POST /csat/{token}"), routes,
                "the HTTP API's routes (missing or extra ones differ here)");
        assertEquals(Map.of(
                        "POST /webhooks/shopify", "dev.promptly.functions.webhook.ShopifyWebhookHandler",
                        "GET /data-requests/{requestId}", "dev.promptly.functions.export.DataExportHandler",
                        "POST /messages", "dev.promptly.functions.messages.MessagesHandler",
                        "POST /conversations/{id}/events", "dev.promptly.functions.events.ConversationEventsHandler",
                        "GET /whatsapp/{shop}", "dev.promptly.functions.whatsapp.WhatsAppWebhookHandler",
                        "POST /whatsapp/{shop}", "dev.promptly.functions.whatsapp.WhatsAppWebhookHandler",
                        "POST /helpdesks/{vendor}/{shop}", "dev.promptly.functions.helpdesk.HelpdeskEventsHandler",
                        "GET /reports/{shop}", "dev.promptly.functions.events.ConversationEventsHandler",
                        "GET /csat/{token}", "dev.promptly.functions.events.ConversationEventsHandler",
                        "POST /csat/{token}", "dev.promptly.functions.events.ConversationEventsHandler"),
                handlers, "the handler class behind each route");
    }

    @Test
    void theLocalRunnerServesEveryRouteOfTheHttpApiWithItsHandler() throws Exception {
        List<String[]> routes = new ArrayList<>();
        functions().forEach((name, properties) -> asMap(properties.getOrDefault("Events", Map.of()), name + ".Events").values().forEach(value -> {
            Map<String, Object> event = asMap(value, name + ".Events");
            if ("HttpApi".equals(event.get("Type"))) {
                Map<String, Object> p = asMap(event.get("Properties"), name + ".Properties");
                routes.add(new String[] {asString(p.get("Method"), "Method").toUpperCase(), asString(p.get("Path"), "Path")});
            }
        }));
        assertFalse(routes.isEmpty());
        try (LocalSystem system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, null, 0, false)))) {
            var http = java.net.http.HttpClient.newHttpClient();
            for (String[] route : routes) {
                String path = route[1].replaceAll("\\{[^}]+}", "x1");
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + system.port() + path))
                        .method(route[0], route[0].equals("GET") ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build();
                var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                // Unsigned and unauthenticated, so the handler refuses it: a 4xx with its own reason, never the router's.
                assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, route[0] + " " + path + ": " + response.statusCode());
                assertFalse(response.body().contains("no route"), route[0] + " " + route[1] + " is not served locally: " + response.body());
            }
        }
    }

    @Test
    void theSlaMonitorRunsEveryMinuteQueriesOnlyTheSlaDueIndexAndKeepsFailedRuns() {
        Map<String, Object> monitor = functions().get("SlaMonitorFunction");
        assertNotNull(monitor, "template.yaml declares no SlaMonitorFunction");
        assertEquals("dev.promptly.functions.sla.SlaMonitorHandler", handler("SlaMonitorFunction", monitor).className());
        Map<String, Object> schedule = asMap(asMap(asMap(monitor.get("Events"), "SlaMonitorFunction.Events").get("EveryMinute"),
                "SlaMonitorFunction.Events.EveryMinute").get("Properties"), "EveryMinute.Properties");
        assertEquals("rate(1 minute)", schedule.get("Schedule"), "the SLA monitor must run at least every minute");
        String policies = String.valueOf(monitor.get("Policies"));
        assertFalse(policies.contains("dynamodb:Scan"), "the SLA monitor must never Scan");
        assertTrue(policies.contains("index/SlaDue"), "the SLA monitor reads due checkpoints through the SlaDue index");
        Map<String, Object> invoke = asMap(monitor.get("EventInvokeConfig"), "SlaMonitorFunction.EventInvokeConfig");
        assertNotNull(asMap(invoke.get("DestinationConfig"), "SlaMonitorFunction.EventInvokeConfig.DestinationConfig").get("OnFailure"),
                "a failed monitor run must be kept in a dead-letter destination");
    }

    @Test
    void theWeeklyKpiDigestRunsOnItsOwnScheduleOfTheSlaMonitorWithTheDigestsInput() throws Exception {
        Map<String, Object> monitor = functions().get("SlaMonitorFunction");
        Map<String, Object> event = asMap(asMap(monitor.get("Events"), "SlaMonitorFunction.Events").get("KpiDigest"),
                "SlaMonitorFunction.Events.KpiDigest");
        assertEquals("Schedule", event.get("Type"));
        Map<String, Object> properties = asMap(event.get("Properties"), "KpiDigest.Properties");
        assertEquals("rate(15 minutes)", properties.get("Schedule"), "the digest goes out within 15 minutes of a shop's opening");
        var input = new com.fasterxml.jackson.databind.ObjectMapper().readTree(asString(properties.get("Input"), "KpiDigest.Properties.Input"));
        assertEquals(dev.promptly.functions.sla.SlaMonitorHandler.KPI_DIGEST_JOB, input.path("job").asText(),
                "the handler runs the digest only for this input");
    }

    @Test
    void theKpiRollupRunsHourlyReadsDaysThroughTheOpeningIndexNeverScansAndKeepsFailedRuns() {
        Map<String, Object> rollup = functions().get("KpiRollupFunction");
        assertNotNull(rollup, "template.yaml declares no KpiRollupFunction");
        assertEquals("dev.promptly.functions.kpi.KpiRollupHandler", handler("KpiRollupFunction", rollup).className());
        Map<String, Object> hourly = asMap(asMap(rollup.get("Events"), "KpiRollupFunction.Events").get("Hourly"), "KpiRollupFunction.Events.Hourly");
        assertEquals("Schedule", hourly.get("Type"));
        assertEquals("rate(1 hour)", asMap(hourly.get("Properties"), "Hourly.Properties").get("Schedule"));
        String policies = String.valueOf(rollup.get("Policies"));
        assertFalse(policies.contains("dynamodb:Scan"), "the KPI rollup must never Scan");
        assertTrue(policies.contains("index/ConversationsByOpening"), "the KPI rollup finds a day's conversations through its index");
        assertEquals(300, rollup.get("Timeout"), "the rollup stops starting days 20 s before its timeout");
    }

    // -------------------------------------------------------------------------------------------------
    // d) the table
    // -------------------------------------------------------------------------------------------------

    @Test
    void theTableDeclaresTheAttributesKeysIndexesAndTtlOfPromptlyTable() {
        Map<String, Object> table = resource("PromptlyTable", "AWS::DynamoDB::Table");
        Map<String, Object> p = asMap(table.get("Properties"), "PromptlyTable.Properties");
        CreateTableRequest expected = PromptlyTable.createTableRequest("x");

        assertEquals(expected.billingModeAsString(), p.get("BillingMode"), "PromptlyTable.BillingMode");

        List<Object> declaredAttributes = asList(p.get("AttributeDefinitions"), "PromptlyTable.AttributeDefinitions");
        Set<String> attributes = declaredAttributes.stream()
                .map(a -> asMap(a, "AttributeDefinition"))
                .map(a -> a.get("AttributeName") + ":" + a.get("AttributeType"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expectedAttributes = expected.attributeDefinitions().stream()
                .map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedAttributes, attributes, "PromptlyTable.AttributeDefinitions (name:type) differ from PromptlyTable.KEY_ATTRIBUTES");
        assertEquals(attributes.size(), declaredAttributes.size(), "PromptlyTable.AttributeDefinitions declares an attribute twice");

        assertEquals(keys(expected.keySchema()), templateKeys(p.get("KeySchema"), "PromptlyTable.KeySchema"),
                "PromptlyTable.KeySchema (in order: HASH, then RANGE)");

        Map<String, String> indexes = new TreeMap<>();
        for (Object value : asList(p.get("GlobalSecondaryIndexes"), "PromptlyTable.GlobalSecondaryIndexes")) {
            Map<String, Object> index = asMap(value, "GlobalSecondaryIndex");
            String name = asString(index.get("IndexName"), "GlobalSecondaryIndex.IndexName");
            String projection = String.valueOf(asMap(index.get("Projection"), name + ".Projection").get("ProjectionType"));
            String previous = indexes.put(name, templateKeys(index.get("KeySchema"), name + ".KeySchema") + " projection " + projection);
            assertNull(previous, "index " + name + " is declared twice");
        }
        Map<String, String> expectedIndexes = new TreeMap<>();
        for (GlobalSecondaryIndex index : expected.globalSecondaryIndexes()) {
            expectedIndexes.put(index.indexName(), keys(index.keySchema()) + " projection " + index.projection().projectionTypeAsString());
        }
        assertEquals(expectedIndexes.keySet(), indexes.keySet(), "the names of PromptlyTable.GlobalSecondaryIndexes differ from PromptlyTable.INDEXES");
        expectedIndexes.forEach((name, description) ->
                assertEquals(description, indexes.get(name), "index " + name + ": key schema or projection differs from PromptlyTable.INDEXES"));

        Map<String, Object> ttl = asMap(p.get("TimeToLiveSpecification"), "PromptlyTable.TimeToLiveSpecification");
        assertEquals(PromptlyTable.TTL, ttl.get("AttributeName"), "PromptlyTable TTL attribute");
        assertEquals(Boolean.TRUE, ttl.get("Enabled"), "PromptlyTable TTL must be enabled");
    }

    @Test
    void everyIndexAPolicyNamesIsAnIndexOfPromptlyTable() {
        Set<String> known = PromptlyTable.INDEXES.stream().map(PromptlyTable.Index::name).collect(Collectors.toSet());
        Matcher index = Pattern.compile("\\$\\{PromptlyTable\\.Arn}/index/([^\"\\s]+)").matcher(templateText);
        int found = 0;
        while (index.find()) {
            found++;
            String name = index.group(1);
            assertTrue(name.equals("*") || known.contains(name), "a policy grants access to index " + name + ", which PromptlyTable.INDEXES does not define");
        }
        assertTrue(found > 0, "no policy names an index of PromptlyTable; this test's pattern no longer matches the template");
    }

    // -------------------------------------------------------------------------------------------------
    // d2) the table's stream and the outbox trigger
    // -------------------------------------------------------------------------------------------------

    @Test
    void theTableHasAStreamThatCarriesAtLeastTheItemKeys() {
        Map<String, Object> p = asMap(resource("PromptlyTable", "AWS::DynamoDB::Table").get("Properties"), "PromptlyTable.Properties");
        Map<String, Object> stream = asMap(p.get("StreamSpecification"), "PromptlyTable.StreamSpecification (the outbox sender's trigger)");
        // Every view type carries the keys, which is all OutboxStreamHandler reads.
        assertTrue(Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES").contains(stream.get("StreamViewType")),
                "PromptlyTable.StreamSpecification.StreamViewType must be KEYS_ONLY or a larger view, not " + stream.get("StreamViewType"));
    }

    @Test
    void everyStreamTriggerReadsTheTablesStreamReportsItemFailuresAndKeepsFailedBatches() {
        Map<String, Map<String, Object>> triggers = streamTriggers();
        assertFalse(triggers.isEmpty(), "no function is triggered by the table's stream (the outbox sender's OutboxStreamHandler should be)");
        triggers.forEach((where, p) -> {
            assertEquals(Map.of("Fn::GetAtt", "PromptlyTable.StreamArn"), p.get("Stream"), where + ".Stream must be !GetAtt PromptlyTable.StreamArn");
            // Without it Lambda ignores the handler's batchItemFailures answer and counts the batch as done.
            assertTrue(asList(p.getOrDefault("FunctionResponseTypes", List.of()), where + ".FunctionResponseTypes").contains("ReportBatchItemFailures"),
                    where + ": FunctionResponseTypes must include ReportBatchItemFailures (the handler answers with batchItemFailures)");
            Map<String, Object> onFailure = asMap(asMap(p.get("DestinationConfig"), where + ".DestinationConfig").get("OnFailure"),
                    where + ".DestinationConfig.OnFailure");
            assertNotNull(onFailure.get("Destination"), where + ": a batch that keeps failing must be recorded in a dead-letter destination");
        });
    }

    @Test
    void theOutboxStreamFilterLetsOnlyNewOutboxItemsThrough() {
        Map<String, Map<String, Object>> triggers = streamTriggers();
        List<JsonNode> patterns = new ArrayList<>();
        triggers.forEach((where, p) -> {
            if (!where.startsWith("OutboxStreamHandler ")) {
                return;
            }
            Map<String, Object> criteria = asMap(p.get("FilterCriteria"), where + ".FilterCriteria (without it every table write invokes the sender)");
            for (Object filter : asList(criteria.get("Filters"), where + ".FilterCriteria.Filters")) {
                String pattern = asString(asMap(filter, where + ".FilterCriteria.Filters[]").get("Pattern"), where + ".FilterCriteria.Filters[].Pattern");
                try {
                    patterns.add(JSON.readTree(pattern));
                } catch (IOException e) {
                    fail(where + ": filter pattern is not JSON: " + pattern);
                }
            }
        });
        assertFalse(patterns.isEmpty(), "OutboxStreamHandler's stream trigger has no filter pattern");

        // Lambda invokes for a record that matches any one of the filters.
        assertTrue(passes(patterns, streamRecord("INSERT", "OUTBOX#20261127T165900.000Z-ack-7K3M9QX2AB")), "a new outbox item must reach the sender");
        assertFalse(passes(patterns, streamRecord("MODIFY", "OUTBOX#20261127T165900.000Z-ack-7K3M9QX2AB")),
                "an outbox item's updates (claim, outcome) must not invoke the sender again");
        assertFalse(passes(patterns, streamRecord("REMOVE", "OUTBOX#20261127T165900.000Z-ack-7K3M9QX2AB")), "an expired outbox item must not invoke the sender");
        for (String other : List.of("ORDER#5001001", "WEBHOOK#try-1", "CONV#C1", "MSG#C1#1", "ACK#C1", "BUDGET#SHOP#2026112716", "XOUTBOX#1", "outbox#1",
                "OUTBOX", "OUTBOX1", "OUTGOING#1")) {
            assertFalse(passes(patterns, streamRecord("INSERT", other)), "a new " + other + " item must not invoke the sender");
        }
    }

    /** Each DynamoDB event source, keyed "{handler simple name} {function}.Events.{event}". */
    private static Map<String, Map<String, Object>> streamTriggers() {
        Map<String, Map<String, Object>> triggers = new TreeMap<>();
        functions().forEach((name, properties) -> asMap(properties.getOrDefault("Events", Map.of()), name + ".Events")
                .forEach((eventName, eventValue) -> {
                    Map<String, Object> event = asMap(eventValue, name + ".Events." + eventName);
                    if ("DynamoDB".equals(event.get("Type"))) {
                        String className = handler(name, properties).className();
                        triggers.put(className.substring(className.lastIndexOf('.') + 1) + " " + name + ".Events." + eventName,
                                asMap(event.get("Properties"), name + ".Events." + eventName + ".Properties"));
                    }
                }));
        return triggers;
    }

    private static JsonNode streamRecord(String eventName, String sk) {
        var record = JSON.createObjectNode().put("eventName", eventName).put("eventSource", "aws:dynamodb");
        var keys = record.putObject("dynamodb").putObject("Keys");
        keys.putObject("pk").put("S", "demo-shop.myshopify.com");
        keys.putObject("sk").put("S", sk);
        return record;
    }

    private static boolean passes(List<JsonNode> patterns, JsonNode record) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, record));
    }

    /**
     * The part of Lambda's event filtering rules the template uses: nested objects, and arrays of
     * alternatives that are exact values or {@code {"prefix": ...}}. Anything else fails the test, so a
     * new operator is added here (with its semantics) before it is relied on.
     */
    private static boolean matches(JsonNode pattern, JsonNode event) {
        assertTrue(pattern.isObject(), "filter pattern " + pattern + " must be an object");
        var fields = pattern.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode rule = field.getValue();
            JsonNode value = event == null ? null : event.get(field.getKey());
            if (rule.isObject()) {
                if (value == null || !value.isObject() || !matches(rule, value)) {
                    return false;
                }
            } else if (rule.isArray()) {
                if (value == null || !matchesAny(rule, value)) {
                    return false;
                }
            } else {
                fail("filter pattern field " + field.getKey() + " must be an object or an array of alternatives, not " + rule);
            }
        }
        return true;
    }

    private static boolean matchesAny(JsonNode alternatives, JsonNode value) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        for (JsonNode alternative : alternatives) {
            if (alternative.isObject()) {
                assertTrue(alternative.size() == 1 && alternative.has("prefix") && alternative.get("prefix").isTextual(),
                        "filter operator " + alternative + " is not supported by this test; extend matchesAny");
                String prefix = alternative.get("prefix").asText();
                if (values.stream().anyMatch(v -> v.isTextual() && v.asText().startsWith(prefix))) {
                    return true;
                }
            } else if (values.contains(alternative)) {
                return true;
            }
        }
        return false;
    }

    // -------------------------------------------------------------------------------------------------
    // d3) inbound e-mail: the SES receipt rule
    // -------------------------------------------------------------------------------------------------

    @Test
    void theReceiptRuleStoresMailWhereTheInboundFunctionReadsItAndThenInvokesItsAlias() {
        Map<String, Map<String, Object>> rules = resourcesOfType("AWS::SES::ReceiptRule");
        assertFalse(rules.isEmpty(), "no AWS::SES::ReceiptRule: nothing would deliver mail to the inbound e-mail function");
        rules.forEach((ruleName, resource) -> {
            Map<String, Object> rule = asMap(asMap(resource.get("Properties"), ruleName + ".Properties").get("Rule"), ruleName + ".Properties.Rule");
            List<Object> actions = asList(rule.get("Actions"), ruleName + ".Rule.Actions");
            int s3Index = -1;
            int lambdaIndex = -1;
            for (int i = 0; i < actions.size(); i++) {
                Map<String, Object> action = asMap(actions.get(i), ruleName + ".Rule.Actions[" + i + "]");
                if (action.containsKey("S3Action")) {
                    s3Index = i;
                }
                if (action.containsKey("LambdaAction")) {
                    lambdaIndex = i;
                }
            }
            assertTrue(s3Index >= 0 && lambdaIndex > s3Index,
                    ruleName + ": the rule must store the mail (S3Action) before it invokes the function (LambdaAction), which reads it from S3");
            Map<String, Object> s3 = asMap(asMap(actions.get(s3Index), ruleName).get("S3Action"), ruleName + ".S3Action");
            Map<String, Object> lambda = asMap(asMap(actions.get(lambdaIndex), ruleName).get("LambdaAction"), ruleName + ".LambdaAction");

            assertEquals("Event", lambda.get("InvocationType"), ruleName + ": SES must invoke asynchronously (Event), so failures are retried and dead-lettered");
            String function = aliasTarget(lambda.get("FunctionArn"), ruleName + ".LambdaAction.FunctionArn");
            Map<String, Object> properties = functions().get(function);
            assertNotNull(properties, ruleName + ": invokes " + function + ", which is not a function of the template");

            Map<String, Object> variables = environment(function, properties);
            assertEquals(s3.get("BucketName"), variables.get(PromptlyEnvironment.INBOUND_MAIL_BUCKET),
                    function + ": " + PromptlyEnvironment.INBOUND_MAIL_BUCKET + " must name the bucket the receipt rule stores mail in");
            assertEquals(s3.get("ObjectKeyPrefix"), variables.get(PromptlyEnvironment.INBOUND_MAIL_PREFIX),
                    function + ": " + PromptlyEnvironment.INBOUND_MAIL_PREFIX + " must be the receipt rule's ObjectKeyPrefix");

            String bucket = String.valueOf(asMap(s3.get("BucketName"), ruleName + ".S3Action.BucketName").get("Ref"));
            assertTrue(policyStatements(properties, function).stream().anyMatch(statement -> "s3:GetObject".equals(statement.get("Action"))
                            && Map.of("Fn::Sub", "${" + bucket + ".Arn}/" + s3.get("ObjectKeyPrefix") + "*").equals(statement.get("Resource"))),
                    function + ": needs s3:GetObject on ${" + bucket + ".Arn}/" + s3.get("ObjectKeyPrefix") + "* to read the stored mail");
            assertTrue(bucketPolicyStatements(bucket).stream().anyMatch(statement -> "s3:PutObject".equals(statement.get("Action"))
                            && Map.of("Service", "ses.amazonaws.com").equals(statement.get("Principal"))
                            && String.valueOf(statement.get("Condition")).contains("aws:SourceAccount")),
                    bucket + ": its bucket policy must let ses.amazonaws.com put objects, limited by aws:SourceAccount");
            assertTrue(resourcesOfType("AWS::Lambda::Permission").values().stream()
                            .map(permission -> asMap(permission.get("Properties"), "AWS::Lambda::Permission.Properties"))
                            .anyMatch(p -> "ses.amazonaws.com".equals(p.get("Principal")) && lambda.get("FunctionArn").equals(p.get("FunctionName"))
                                    && p.get("SourceAccount") != null),
                    function + ": no AWS::Lambda::Permission lets ses.amazonaws.com (with SourceAccount) invoke the alias the rule invokes");
            Map<String, Object> invokeConfig = asMap(properties.get("EventInvokeConfig"), function + ".EventInvokeConfig");
            assertNotNull(asMap(asMap(invokeConfig.get("DestinationConfig"), function + ".EventInvokeConfig.DestinationConfig").get("OnFailure"),
                    function + ".EventInvokeConfig.DestinationConfig.OnFailure").get("Destination"),
                    function + ": an SES event that keeps failing must be kept in a dead-letter destination");
        });
    }

    @Test
    void theWebhookFunctionsMayDeleteOnlyTheStoredMailWhereTheReceiptRulePutsIt() {
        Map<String, Object> s3 = null;
        for (var resource : resourcesOfType("AWS::SES::ReceiptRule").entrySet()) {
            Map<String, Object> rule = asMap(asMap(resource.getValue().get("Properties"), resource.getKey() + ".Properties").get("Rule"), resource.getKey());
            for (Object action : asList(rule.get("Actions"), resource.getKey() + ".Rule.Actions")) {
                if (asMap(action, resource.getKey()).containsKey("S3Action")) {
                    s3 = asMap(asMap(action, resource.getKey()).get("S3Action"), resource.getKey() + ".S3Action");
                }
            }
        }
        assertNotNull(s3, "no receipt rule stores mail in S3");
        String bucket = String.valueOf(asMap(s3.get("BucketName"), "S3Action.BucketName").get("Ref"));
        int checked = 0;
        for (var function : functions().entrySet()) {
            String handlerClass = handler(function.getKey(), function.getValue()).className();
            if (!handlerClass.startsWith("dev.promptly.functions.webhook.")) {
                continue;
            }
            checked++;
            Map<String, Object> variables = environment(function.getKey(), function.getValue());
            assertEquals(s3.get("BucketName"), variables.get(PromptlyEnvironment.INBOUND_MAIL_BUCKET),
                    function.getKey() + ": customers/redact deletes stored mail, so " + PromptlyEnvironment.INBOUND_MAIL_BUCKET + " must name the rule's bucket");
            assertEquals(s3.get("ObjectKeyPrefix"), variables.get(PromptlyEnvironment.INBOUND_MAIL_PREFIX),
                    function.getKey() + ": " + PromptlyEnvironment.INBOUND_MAIL_PREFIX + " must be the rule's ObjectKeyPrefix");
            List<Map<String, Object>> s3Statements = policyStatements(function.getValue(), function.getKey()).stream()
                    .filter(statement -> String.valueOf(statement.get("Action")).contains("s3:")).toList();
            assertEquals(List.of(Map.of("Sid", "DeleteRedactedMail", "Effect", "Allow", "Action", "s3:DeleteObject",
                            "Resource", Map.of("Fn::Sub", "${" + bucket + ".Arn}/" + s3.get("ObjectKeyPrefix") + "*"))), s3Statements,
                    function.getKey() + ": the only S3 permission is s3:DeleteObject on the stored mails' prefix");
        }
        assertEquals(2, checked, "the HTTPS and the EventBridge webhook functions");
    }

    /** The functions that an SES receipt rule's Lambda action invokes, as triggers. */
    private static Map<String, List<Trigger>> receiptRuleTriggers() {
        Map<String, List<Trigger>> triggers = new LinkedHashMap<>();
        resourcesOfType("AWS::SES::ReceiptRule").forEach((ruleName, resource) -> {
            Map<String, Object> rule = asMap(asMap(resource.get("Properties"), ruleName + ".Properties").get("Rule"), ruleName + ".Properties.Rule");
            for (Object value : asList(rule.get("Actions"), ruleName + ".Rule.Actions")) {
                Object lambda = asMap(value, ruleName + ".Rule.Actions[]").get("LambdaAction");
                if (lambda != null) {
                    String function = aliasTarget(asMap(lambda, ruleName + ".LambdaAction").get("FunctionArn"), ruleName + ".LambdaAction.FunctionArn");
                    triggers.computeIfAbsent(function, f -> new ArrayList<>()).add(new Trigger(ruleName, SES_RECEIPT_RULE));
                }
            }
        });
        return triggers;
    }

    /** {@code !Ref Function.Alias} gives the function's logical id; anything else fails (SnapStart applies to the alias only). */
    private static String aliasTarget(Object reference, String where) {
        Object ref = asMap(reference, where).get("Ref");
        assertTrue(ref instanceof String s && s.endsWith(".Alias"),
                where + " must be !Ref <Function>.Alias: SnapStart and the published configuration apply to the alias, not $LATEST");
        return ((String) ref).substring(0, ((String) ref).length() - ".Alias".length());
    }

    private static List<Map<String, Object>> policyStatements(Map<String, Object> properties, String function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : asList(properties.getOrDefault("Policies", List.of()), function + ".Policies")) {
            if (policy instanceof Map<?, ?> document && document.get("Statement") != null) {
                asList(document.get("Statement"), function + ".Policies[].Statement").forEach(s -> statements.add(asMap(s, function + ".Policies[].Statement[]")));
            }
        }
        return statements;
    }

    /** The statements of the bucket policies of {@code bucket}; a {@code !If [cond, statement, ...]} counts as its statement. */
    private static List<Map<String, Object>> bucketPolicyStatements(String bucket) {
        List<Map<String, Object>> statements = new ArrayList<>();
        resourcesOfType("AWS::S3::BucketPolicy").forEach((name, resource) -> {
            Map<String, Object> p = asMap(resource.get("Properties"), name + ".Properties");
            if (!Map.of("Ref", bucket).equals(p.get("Bucket"))) {
                return;
            }
            for (Object statement : asList(asMap(p.get("PolicyDocument"), name + ".PolicyDocument").get("Statement"), name + ".Statement")) {
                Map<String, Object> s = asMap(statement, name + ".Statement[]");
                if (s.containsKey("Fn::If")) {
                    s = asMap(asList(s.get("Fn::If"), name + ".Statement[].Fn::If").get(1), name + ".Statement[].Fn::If[1]");
                }
                statements.add(s);
            }
        });
        return statements;
    }

    // -------------------------------------------------------------------------------------------------
    // e) environment
    // -------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionDeclaresEveryRequiredEnvironmentVariableAndNoUnknownPromptlyOne() {
        Set<String> known = new LinkedHashSet<>(PromptlyEnvironment.REQUIRED);
        known.addAll(PromptlyEnvironment.OPTIONAL);
        functions().forEach((name, properties) -> {
            Map<String, Object> variables = environment(name, properties);
            for (String required : PromptlyEnvironment.REQUIRED) {
                Object value = variables.get(required);
                assertNotNull(value, name + ": environment variable " + required + " is not declared (neither in Globals nor in the function)");
                assertFalse(value instanceof String s && s.isBlank(), name + ": environment variable " + required + " is blank");
            }
            assertEquals(Map.of("Ref", "PromptlyTable"), variables.get(PromptlyTable.TABLE_NAME_ENV),
                    name + ": " + PromptlyTable.TABLE_NAME_ENV + " must be !Ref PromptlyTable");
            assertFalse(variables.containsKey(PromptlyEnvironment.CONFIG_PARAMETER) && variables.containsKey(PromptlyEnvironment.CONFIG_FILE),
                    name + ": declares both " + PromptlyEnvironment.CONFIG_PARAMETER + " and " + PromptlyEnvironment.CONFIG_FILE
                            + ", which PromptlyEnvironment refuses");
            variables.keySet().stream().filter(v -> v.startsWith("PROMPTLY_")).forEach(v ->
                    assertTrue(known.contains(v), name + ": environment variable " + v + " is not one PromptlyEnvironment reads (typo?)"));
            // The rest too: a misspelt INBOUND_MAIL_BUCKET would only fail when a mail arrives.
            variables.keySet().stream().filter(v -> !JVM_VARIABLES.contains(v)).forEach(v ->
                    assertTrue(known.contains(v), name + ": environment variable " + v
                            + " is neither in PromptlyEnvironment.REQUIRED/OPTIONAL nor read by the JVM (typo?)"));
        });
    }

    @Test
    void theConfigurationIsTheSsmParameterByDefaultAndTheS3ObjectWhenConfigBucketNameIsSet() {
        Map<String, Object> bucket = asMap(asMap(template.get("Parameters"), "Parameters").get("ConfigBucketName"), "Parameters.ConfigBucketName");
        assertEquals("", bucket.get("Default"), "existing deployments keep their SSM parameter: ConfigBucketName is empty by default");
        Map<String, String> names = Map.of("PromptlyTable", "promptly-table", "InboundMailBucket", "promptly-mail");

        Map<String, Object> ssm = deployedVariables(new DeployedTemplate(template, "promptly", Map.of(), names));
        Map<String, Object> s3 = deployedVariables(new DeployedTemplate(template, "promptly",
                Map.of("ConfigBucketName", "promptly-config-bucket", "ConfigObjectPath", "prod/promptly.json"), names));

        assertEquals("/promptly/config", ssm.get(PromptlyEnvironment.CONFIG_PARAMETER));
        assertFalse(ssm.containsKey(PromptlyEnvironment.CONFIG_OBJECT), "no S3 object without ConfigBucketName");
        assertEquals("s3://promptly-config-bucket/prod/promptly.json", s3.get(PromptlyEnvironment.CONFIG_OBJECT));
        assertFalse(s3.containsKey(PromptlyEnvironment.CONFIG_PARAMETER), "PromptlyEnvironment refuses two configuration sources");
        functions().forEach((function, properties) -> assertTrue(variables(properties, function).keySet().stream()
                        .noneMatch(PromptlyEnvironment.CONFIG_SOURCES::contains),
                function + ": the configuration source is set once, in Globals, for every function"));
    }

    /** Read by the JVM or the AWS SDK (and SignedHttp) itself, not by PromptlyEnvironment. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "AWS_ENDPOINT_URL");

    // -------------------------------------------------------------------------------------------------
    // f) no secrets
    // -------------------------------------------------------------------------------------------------

    @Test
    void noParameterWithASecretSoundingNameHasADefaultValue() {
        Map<String, Object> parameters = asMap(template.getOrDefault("Parameters", Map.of()), "Parameters");
        parameters.forEach((name, value) -> {
            if (!name.matches("(?i).*(secret|token|password|key).*")) {
                return;
            }
            Object defaultValue = asMap(value, "Parameters." + name).get("Default");
            if (defaultValue == null || String.valueOf(defaultValue).isEmpty()) {
                return; // absent or empty: nothing that could be a secret
            }
            String text = String.valueOf(defaultValue);
            assertTrue(text.startsWith("/") || text.endsWith("/"),
                    "parameter " + name + " has a Default that is not a path or prefix; a secret value must never be a default");
        });
    }

    @Test
    void noLiteralSecretAppearsAnywhereInTheTemplate() {
        assertFalse(templateText.contains("literal:"),
                "template.yaml contains \"literal:\": secrets must be ssm: or secretsmanager: references, never values");
    }

    @Test
    void theDelayScanRunsOnAConfigurableScheduleEveryFifteenMinutesByDefaultAndReadsOnlyTheDelayDueIndex() {
        Map<String, Object> scan = functions().get("DelayScanFunction");
        assertNotNull(scan, "DelayScanFunction is missing");
        assertEquals("dev.promptly.functions.delay.DelayScanHandler::handleRequest", scan.get("Handler"));
        Map<String, Object> events = asMap(scan.get("Events"), "DelayScanFunction.Events");
        assertEquals(1, events.size(), "one schedule");
        Map<String, Object> event = asMap(events.values().iterator().next(), "DelayScanFunction.Events");
        assertEquals("Schedule", event.get("Type"));
        assertEquals(Map.of("Ref", "DelayScanSchedule"), asMap(event.get("Properties"), "Schedule.Properties").get("Schedule"));
        Map<String, Object> parameter = asMap(asMap(template.get("Parameters"), "Parameters").get("DelayScanSchedule"), "DelayScanSchedule");
        assertEquals("rate(15 minutes)", parameter.get("Default"));
        assertTrue(String.valueOf(scan.get("Policies")).contains("index/DelayDue"), "the scan queries the DelayDue index");
        assertFalse(String.valueOf(scan.get("Policies")).contains("dynamodb:Scan"), "the scan never Scans the table");
    }

    // -------------------------------------------------------------------------------------------------
    // g) SnapStart
    // -------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionHasSnapStartOnPublishedVersionsAndAnAutoPublishAlias() {
        Map<String, Object> globals = globalFunction();
        functions().forEach((name, properties) -> {
            Object snapStart = properties.containsKey("SnapStart") ? properties.get("SnapStart") : globals.get("SnapStart");
            assertNotNull(snapStart, name + ": SnapStart is not set (neither in Globals nor in the function)");
            assertEquals("PublishedVersions", asMap(snapStart, name + ".SnapStart").get("ApplyOn"), name + ": SnapStart.ApplyOn");
            Object alias = properties.containsKey("AutoPublishAlias") ? properties.get("AutoPublishAlias") : globals.get("AutoPublishAlias");
            assertTrue(alias instanceof String s && !s.isBlank(),
                    name + ": AutoPublishAlias is missing; without a published version SnapStart never applies");
        });
    }

    @Test
    void aNewConfigRevisionPublishesANewVersionOfEveryFunction() {
        Map<String, Object> parameter = asMap(asMap(template.get("Parameters"), "Parameters").get("ConfigRevision"),
                "Parameters.ConfigRevision (changed after a configuration change, to publish every function again)");
        assertNotNull(parameter.get("Default"), "ConfigRevision needs a Default, so a plain sam deploy needs no value");
        assertEquals(Boolean.TRUE, globalFunction().get("AutoPublishAliasAllProperties"), "Globals.AutoPublishAliasAllProperties");
        // SAM resolves a parameter in AutoPublishCodeSha256 (not in other properties, aws/serverless-application-model#3820)
        // into the version's logical id and appends it to the description; it cannot be set in Globals.
        functions().forEach((name, properties) -> assertEquals(Map.of("Ref", "ConfigRevision"), properties.get("AutoPublishCodeSha256"),
                name + ": AutoPublishCodeSha256 must be !Ref ConfigRevision, or a configuration change never reaches it"));
    }

    @Test
    void theOperationsGuideNamesEveryFunctionAConfigurationChangeRepublishes() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "operations.md"));
        int start = guide.indexOf("## Changing the configuration");
        assertTrue(start >= 0, "docs/operations.md has no section \"Changing the configuration\"");
        int end = guide.indexOf("\n## ", start + 1);
        String section = guide.substring(start, end < 0 ? guide.length() : end);

        functions().keySet().forEach(name -> assertTrue(section.contains("`" + name + "`"),
                "docs/operations.md, Changing the configuration: does not name " + name + ", which a new ConfigRevision republishes"));
        assertTrue(section.contains("ConfigRevision="), "the section gives the command that sets ConfigRevision");
    }

    // -------------------------------------------------------------------------------------------------
    // h) observability: alarms, dead letters, traces, throttling, metrics, dashboard
    // -------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionHasAnErrorsAlarmThatExistsWheneverTheFunctionDoes() {
        Map<String, Map<String, Object>> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
        resourcesOfType(FUNCTION_TYPE).forEach((name, function) -> {
            var alarm = alarms.entrySet().stream().filter(a -> {
                Map<String, Object> p = asMap(a.getValue().get("Properties"), a.getKey() + ".Properties");
                List<Object> dimensions = asList(p.getOrDefault("Dimensions", List.of()), a.getKey() + ".Dimensions");
                return "AWS/Lambda".equals(p.get("Namespace")) && "Errors".equals(p.get("MetricName")) && dimensions.size() == 1
                        && "FunctionName".equals(asMap(dimensions.get(0), a.getKey()).get("Name"))
                        && Map.of("Ref", name).equals(asMap(dimensions.get(0), a.getKey()).get("Value"));
            }).findFirst();
            assertTrue(alarm.isPresent(), name + ": no AWS/Lambda Errors alarm on it");
            assertEquals(function.get("Condition"), alarm.get().getValue().get("Condition"),
                    alarm.get().getKey() + " must have the Condition of " + name + " (or none when the function always exists)");
            Map<String, Object> p = asMap(alarm.get().getValue().get("Properties"), alarm.get().getKey());
            assertEquals(List.of(Map.of("Ref", "AlarmTopic")), p.get("AlarmActions"), alarm.get().getKey() + " must notify AlarmTopic");
        });
    }

    @Test
    void everyScheduledOrEventBridgeFunctionKeepsFailedEventsInAnAlarmedQueue() {
        functions().forEach((name, properties) -> {
            boolean asynchronous = asMap(properties.getOrDefault("Events", Map.of()), name + ".Events").values().stream()
                    .map(e -> asMap(e, name + ".Events").get("Type")).anyMatch(t -> Set.of("Schedule", "ScheduleV2", "EventBridgeRule").contains(t));
            if (!asynchronous) {
                return;
            }
            Map<String, Object> onFailure = asMap(asMap(asMap(properties.get("EventInvokeConfig"), name + ".EventInvokeConfig (a failed run would be lost)")
                    .get("DestinationConfig"), name + ".EventInvokeConfig.DestinationConfig").get("OnFailure"), name + ".OnFailure");
            assertEquals("SQS", onFailure.get("Type"), name + ": failed runs go to an SQS dead-letter queue");
            String queue = String.valueOf(asMap(onFailure.get("Destination"), name + ".OnFailure.Destination").get("Fn::GetAtt")).replace(".Arn", "");
            resource(queue, "AWS::SQS::Queue");
            assertTrue(resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                            .map(a -> asMap(a.get("Properties"), "Alarm.Properties"))
                            .anyMatch(p -> "AWS/SQS".equals(p.get("Namespace")) && String.valueOf(p.get("Dimensions")).contains(queue + ".QueueName")),
                    name + ": no alarm watches its dead-letter queue " + queue);
        });
    }

    @Test
    void theHttpApiThrottlesEveryRouteWithTheStacksLimits() {
        Map<String, Object> api = asMap(resource("HttpApi", "AWS::Serverless::HttpApi").get("Properties"), "HttpApi.Properties");
        Map<String, Object> routes = asMap(api.get("DefaultRouteSettings"), "HttpApi.DefaultRouteSettings (throttling of every route)");
        assertEquals(Map.of("Ref", "HttpApiRateLimit"), routes.get("ThrottlingRateLimit"));
        assertEquals(Map.of("Ref", "HttpApiBurstLimit"), routes.get("ThrottlingBurstLimit"));
        Map<String, Object> parameters = asMap(template.get("Parameters"), "Parameters");
        assertEquals("Number", asMap(parameters.get("HttpApiRateLimit"), "HttpApiRateLimit").get("Type"));
        assertEquals("Number", asMap(parameters.get("HttpApiBurstLimit"), "HttpApiBurstLimit").get("Type"));
    }

    @Test
    void everyFunctionIsTracedWithXRayUnlessTheTracingParameterTurnsItOff() {
        assertEquals(Map.of("Ref", "Tracing"), globalFunction().get("Tracing"), "Globals.Function.Tracing");
        Map<String, Object> parameter = asMap(asMap(template.get("Parameters"), "Parameters").get("Tracing"), "Parameters.Tracing");
        assertEquals("Active", parameter.get("Default"));
        assertEquals(List.of("Active", "Disabled"), parameter.get("AllowedValues"));
        functions().forEach((name, properties) -> assertNull(properties.get("Tracing"), name + ": Tracing comes from Globals only"));
    }

    @Test
    void theBusinessMetricsGoToTheStacksNamespaceAndTheDashboardShowsThemAndTheScheduledJobs() {
        assertEquals(Map.of("Fn::Sub", "Promptly/${AWS::StackName}"), variables(globalFunction(), "Globals.Function").get(dev.promptly.log.JsonLog.METRICS_NAMESPACE_ENV));
        Map<String, Object> dashboard = asMap(resource("Dashboard", "AWS::CloudWatch::Dashboard").get("Properties"), "Dashboard.Properties");
        String body = String.valueOf(asMap(dashboard.get("DashboardBody"), "Dashboard.DashboardBody").get("Fn::Sub"));
        try {
            JSON.readTree(body.replaceAll("\\$\\{[^}]+}", "x"));
        } catch (IOException e) {
            fail("the dashboard body is not JSON: " + e.getMessage());
        }
        for (String metric : dev.promptly.log.BusinessMetrics.ALL) {
            assertTrue(body.contains("MetricName=\\\"" + metric + "\\\""), "the dashboard shows no " + metric + " per shop");
        }
        for (String job : List.of("DelayScanFunction", "SlaMonitorFunction", "OutboxSweepFunction")) {
            assertTrue(body.contains("\"Invocations\", \"FunctionName\", \"${" + job + "}\"") && body.contains("\"Errors\", \"FunctionName\", \"${" + job + "}\""),
                    "the dashboard shows no invocations and errors of " + job);
        }
    }

    // -------------------------------------------------------------------------------------------------
    // The template
    // -------------------------------------------------------------------------------------------------

    private record Handler(String className, String method) {
    }

    /** What invokes a function: a SAM event ({@code name} = event name) or another resource (its logical id). */
    private record Trigger(String name, String type) {
    }

    private static Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        asMap(template.get("Resources"), "Resources").forEach((name, value) -> {
            Map<String, Object> resource = asMap(value, "Resources." + name);
            if (type.equals(resource.get("Type"))) {
                resources.put(name, resource);
            }
        });
        return resources;
    }

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        asMap(template.get("Resources"), "Resources").forEach((name, value) -> {
            Map<String, Object> resource = asMap(value, "Resources." + name);
            if (FUNCTION_TYPE.equals(resource.get("Type"))) {
                functions.put(name, asMap(resource.getOrDefault("Properties", Map.of()), name + ".Properties"));
            }
        });
        assertFalse(functions.isEmpty(), "template.yaml declares no " + FUNCTION_TYPE);
        return functions;
    }

    private static Map<String, Object> resource(String name, String type) {
        Map<String, Object> resource = asMap(asMap(template.get("Resources"), "Resources").get(name), "Resources." + name);
        assertEquals(type, resource.get("Type"), "Resources." + name + ".Type");
        return resource;
    }

    private static Map<String, Object> globalFunction() {
        Map<String, Object> globals = asMap(template.getOrDefault("Globals", Map.of()), "Globals");
        return asMap(globals.getOrDefault("Function", Map.of()), "Globals.Function");
    }

    /** Globals.Function.Environment.Variables overlaid with the function's own, as SAM merges them. */
    private static Map<String, Object> environment(String function, Map<String, Object> properties) {
        Map<String, Object> merged = new LinkedHashMap<>(variables(globalFunction(), "Globals.Function"));
        merged.putAll(variables(properties, function));
        return merged;
    }

    private static Map<String, Object> variables(Map<String, Object> properties, String where) {
        Map<String, Object> environment = asMap(properties.getOrDefault("Environment", Map.of()), where + ".Environment");
        return asMap(environment.getOrDefault("Variables", Map.of()), where + ".Environment.Variables");
    }

    private static Handler handler(String function, Map<String, Object> properties) {
        String handler = asString(properties.get("Handler"), function + ".Handler");
        int separator = handler.indexOf("::");
        assertTrue(separator > 0 && separator < handler.length() - 2,
                function + ": Handler " + handler + " is not of the form fully.qualified.Class::method");
        return new Handler(handler.substring(0, separator), handler.substring(separator + 2));
    }

    private static Class<?> handlerClass(String function, Handler handler) {
        try {
            // Not initialised: the class is only inspected, its static state stays untouched.
            return Class.forName(handler.className(), false, TemplateContractTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return fail(function + ": handler class " + handler.className() + " does not exist");
        }
    }

    private static List<Method> publicMethods(Class<?> type, String name) {
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && !method.isBridge()) {
                methods.add(method);
            }
        }
        return methods;
    }

    /** The first type argument of the RequestHandler that {@code type} or a superclass implements, or null. */
    private static Type requestHandlerInput(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments()[0];
                }
            }
        }
        return null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
    }

    private static List<String> templateKeys(Object schema, String where) {
        return asList(schema, where).stream()
                .map(k -> asMap(k, where))
                .map(k -> k.get("AttributeName") + ":" + k.get("KeyType"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where) {
        assertInstanceOf(Map.class, value, where + " must be a mapping");
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value, String where) {
        assertInstanceOf(List.class, value, where + " must be a list");
        return (List<Object>) value;
    }

    private static String asString(Object value, String where) {
        assertInstanceOf(String.class, value, where + " must be a plain string");
        return (String) value;
    }

    /**
     * Reads CloudFormation's short-form intrinsic functions ({@code !Ref X}, {@code !Sub ...},
     * {@code !GetAtt A.B}, {@code !If [...]}, ...) as their long form: {@code {"Ref": X}} or
     * {@code {"Fn::Name": value}}, whatever the node (scalar, sequence or mapping). Everything else is
     * read as SafeConstructor reads it: no arbitrary classes are instantiated.
     */
    static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            // Consulted for any tag without a constructor of its own: "!" is the prefix of every local tag.
            yamlMultiConstructors.put("!", new IntrinsicFunction());
        }

        private final class IntrinsicFunction extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String function = node.getTag().getValue().substring(1);
                String key = function.equals("Ref") ? "Ref" : "Fn::" + function;
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else if (node instanceof MappingNode mapping) {
                    value = constructMapping(mapping);
                } else {
                    throw new IllegalArgumentException("unexpected YAML node " + node.getNodeId() + " for !" + function);
                }
                return java.util.Collections.singletonMap(key, value);
            }
        }
    }
}
