package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.wiring.ConfigSource;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.PromptlyEnvironment;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.aws.s3.S3ObjectReader;
import dev.promptly.aws.secrets.AwsSecretResolver;
import dev.promptly.aws.secrets.SecretsManagerReader;
import dev.promptly.aws.ssm.SsmParameterReader;
import dev.promptly.config.CachingSecretResolver;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.shopify.ShopifyHmac;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.functions.delay.DelayScanHandler;
import dev.promptly.functions.email.SesEmailHandler;
import dev.promptly.functions.events.ConversationEventsHandler;
import dev.promptly.functions.helpdesk.HelpdeskEventsHandler;
import dev.promptly.functions.export.DataExportHandler;
import dev.promptly.functions.messages.MessagesHandler;
import dev.promptly.functions.outbox.OutboxStreamHandler;
import dev.promptly.functions.outbox.OutboxSweepHandler;
import dev.promptly.functions.kpi.KpiRollupHandler;
import dev.promptly.functions.sla.SlaMonitorHandler;
import dev.promptly.functions.webhook.ShopifyEventBridgeHandler;
import dev.promptly.functions.webhook.ShopifyWebhookHandler;
import dev.promptly.functions.whatsapp.WhatsAppWebhookHandler;
import dev.promptly.testing.MovableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Least privilege that matches the code: each function of {@code template.yaml} runs its real wiring (the
 * handler's {@code Deployment} constructor, i.e. what its no-argument constructor builds in Lambda) with
 * the environment the template gives it, against DynamoDB Local and a stand-in for the other AWS APIs that
 * records every call ({@link AwsAccessRecorder}). The scenarios walk each function's paths: the sample
 * events in {@code events/}, a WISMO message with and without an order number, a WhatsApp message known
 * only by phone, SnapStart priming, both secret stores, alerts to SNS and Slack, mail through SES. Then
 * the template's policies ({@link DeployedTemplate}: the parameters resolved as deployed) must allow every
 * recorded call and nothing else.
 */
class IamContractTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Path EVENTS = Path.of("..", "events");
    private static final String TABLE = "promptly-iam-contract";
    private static final String BUCKET = "promptly-inbound-mail";
    private static final String SHOP = "demo-shop.myshopify.com";
    /** A second shop whose secrets live in Secrets Manager (the first one's are SSM SecureStrings). */
    private static final String OTHER_SHOP = "other-shop.myshopify.com";
    private static final String TOPIC = "arn:aws:sns:eu-central-1:123456789012:promptly-sla-alerts";
    private static final String CONFIG_PARAMETER = "/promptly/config";
    /** The deployment under test: every optional feature on, so every statement has a path that uses it. */
    private static final Map<String, String> PARAMETERS = Map.of(
            "ShopifyEventBusName", "aws.partner/shopify.com/42/promptly",
            "InboundMailRuleSetName", "promptly-rules",
            "SesConfigurationSet", "promptly-events",
            "SesIdentityArns", "arn:aws:ses:eu-central-1:123456789012:identity/demo-shop.example,"
                    + "arn:aws:ses:eu-central-1:123456789012:identity/other-shop.example",
            "AlertTopicArns", TOPIC);
    /** The same deployment with the configuration in S3 instead of SSM. */
    private static final String CONFIG_BUCKET = "promptly-config-123456789012";
    private static final String CONFIG_KEY = "prod/promptly.json";
    private static final Map<String, String> S3_PARAMETERS = withS3Config();
    /** Every function's handler, as Lambda builds it. */
    private static final Map<String, Function<Deployment, ?>> HANDLERS = Map.ofEntries(
            Map.entry("ShopifyWebhookFunction", ShopifyWebhookHandler::new),
            Map.entry("ShopifyEventBridgeFunction", ShopifyEventBridgeHandler::new), Map.entry("DataExportFunction", DataExportHandler::new),
            Map.entry("MessagesFunction", MessagesHandler::new), Map.entry("ConversationEventsFunction", ConversationEventsHandler::new),
            Map.entry("InboundEmailFunction", SesEmailHandler::new), Map.entry("SlaMonitorFunction", SlaMonitorHandler::new),
            Map.entry("DelayScanFunction", DelayScanHandler::new), Map.entry("OutboxStreamFunction", OutboxStreamHandler::new),
            Map.entry("OutboxSweepFunction", OutboxSweepHandler::new),
            Map.entry("WhatsAppWebhookFunction", WhatsAppWebhookHandler::new),
            Map.entry("HelpdeskEventsFunction", HelpdeskEventsHandler::new),
            Map.entry("KpiRollupFunction", KpiRollupHandler::new));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper LAMBDA_JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Identity-based policies match resources with these wildcards only. */
    private static final Pattern WILDCARDS = Pattern.compile("[*?]");

    private static Map<String, Object> template;
    private static EmbeddedDynamoDb dynamo;
    private static DynamoDbClient observer;
    private static AwsAccessRecorder recorder;
    /** The shops' Admin API (live lookups in the intake, the delay-scan function's backfill); it knows no order. */
    private static final EmptyAdminApi adminApi = EmptyAdminApi.start();
    private static DeployedTemplate deployed;
    private static DeployedTemplate deployedWithS3Config;
    /** What each function needed to initialise (constructor and priming) with the configuration in S3. */
    private static Map<String, Set<AwsAccessRecorder.Need>> s3InitNeeds;
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-11-27T15:00:00Z"));
    private static Map<String, Set<AwsAccessRecorder.Need>> needs;
    /** The Graph API for WhatsApp messages (not AWS, so not recorded): the outbox functions still read the access token. */
    private static com.sun.net.httpserver.HttpServer graphApi;
    private static final Map<String, String> SYSTEM_PROPERTIES = Map.of("aws.region", AwsAccessRecorder.REGION,
            "aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey", "iam-contract-test");
    private static final Map<String, String> PREVIOUS = new HashMap<>();

    @BeforeAll
    static void runEveryFunctionThroughItsPaths() throws Exception {
        try (Reader reader = Files.newBufferedReader(TEMPLATE)) {
            template = asMap(new Yaml(new TemplateContractTest.CloudFormationConstructor(new LoaderOptions())).load(reader));
        }
        deployed = new DeployedTemplate(template, "promptly", PARAMETERS, Map.of("PromptlyTable", TABLE, "InboundMailBucket", BUCKET));
        dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
        observer = dynamo.newClient();
        recorder = new AwsAccessRecorder(TABLE);
        // AwsClients (the SES, SNS and S3 calls) reads the region and credentials as the SDK does; put
        // back afterwards, for the other tests in this JVM.
        SYSTEM_PROPERTIES.forEach((name, value) -> PREVIOUS.put(name, System.setProperty(name, value)));
        storeConfigurationAndSecrets();
        graphApi = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        graphApi.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] out = "{\"messages\":[{\"id\":\"wamid.iam\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        graphApi.start();
        runScenarios();
        needs = recorder.needs();
        initialiseEveryFunctionWithTheConfigurationInS3();
        // What each function needed, for a reviewer comparing it with template.yaml by eye.
        StringBuilder dump = new StringBuilder();
        needs.forEach((f, n) -> AwsAccessRecorder.describe(n).forEach(line -> dump.append(f).append(' ').append(line).append('\n')));
        Files.writeString(Path.of("target", "iam-contract-needs.txt"), dump.toString());
    }

    @AfterAll
    static void stop() {
        adminApi.stop();
        PREVIOUS.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        recorder.close();
        graphApi.stop(0);
        observer.close();
        dynamo.close();
    }

    // -------------------------------------------------------------------------------------------------
    // The contract
    // -------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionOfTheTemplateWasRunThroughItsPaths() {
        assertEquals(new TreeSet<>(functions()), new TreeSet<>(needs.keySet()),
                "functions of the deployed template vs. functions the scenarios ran (add a scenario for a new function)");
    }

    @Test
    void everyCallAFunctionMakesIsAllowedByItsPolicy() {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (String function : functions()) {
            List<Grant> grants = grants(function);
            for (AwsAccessRecorder.Need need : needs.getOrDefault(function, Set.of())) {
                boolean allowed = grants.stream().anyMatch(g -> g.actions().contains(need.action())
                        && need.resources().stream().anyMatch(r -> g.resources().stream().anyMatch(p -> matches(p, r))));
                if (!allowed) {
                    missing.computeIfAbsent(function, f -> new TreeSet<>()).addAll(AwsAccessRecorder.describe(Set.of(need)));
                }
            }
        }
        assertTrue(missing.isEmpty(), "calls the code makes that template.yaml does not allow (AccessDenied in AWS):\n" + lines(missing));
    }

    @Test
    void everyActionAndResourceAPolicyAllowsIsUsedByItsFunction() {
        Map<String, Set<String>> extra = new TreeMap<>();
        for (String function : functions()) {
            Set<AwsAccessRecorder.Need> used = new HashSet<>(needs.getOrDefault(function, Set.of()));
            used.addAll(platformNeeds(function));
            for (Grant grant : grants(function)) {
                for (String action : grant.actions()) {
                    for (String pattern : grant.resources()) {
                        boolean usedOnce = used.stream().anyMatch(n -> n.action().equals(action) && n.resources().stream().anyMatch(r -> matches(pattern, r)));
                        if (!usedOnce) {
                            extra.computeIfAbsent(function, f -> new TreeSet<>()).add(grant.sid() + ": " + action + " " + pattern);
                        }
                    }
                }
            }
        }
        assertTrue(extra.isEmpty(), "permissions template.yaml grants that no code path uses:\n" + lines(extra));
    }

    @Test
    void noPolicyUsesAWildcardActionOrAWildcardResourceOtherThanBelowAConfiguredPrefix() {
        for (String function : functions()) {
            for (Grant grant : grants(function)) {
                grant.actions().forEach(a -> assertFalse(WILDCARDS.matcher(a).find(), function + "." + grant.sid() + ": wildcard action " + a));
                for (String resource : grant.resources()) {
                    String where = function + "." + grant.sid() + ": " + resource;
                    assertFalse(resource.equals("*"), where + " allows every resource");
                    int wildcard = resource.indexOf('*');
                    if (wildcard < 0) {
                        continue;
                    }
                    // Only "everything below this prefix", where names are not known to the template: the SSM
                    // secrets path, the Secrets Manager name prefix (ARNs end in a random suffix), stored mails.
                    assertEquals(resource.length() - 1, wildcard, where + ": a wildcard only at the end");
                    String prefix = resource.substring(0, wildcard);
                    assertTrue(prefix.endsWith("/") && !prefix.endsWith(":parameter/") && !prefix.endsWith("/index/") && !prefix.endsWith("identity/"),
                            where + ": a wildcard only below a configured path or prefix, never a whole resource type");
                }
            }
        }
    }

    @Test
    void aWismoMessageWithoutAnOrderNumberMayLookTheSenderUpByEMailAndTheSendersOrdersByPhone() {
        String orders = "arn:aws:dynamodb:eu-central-1:123456789012:table/" + TABLE + "/index/";
        for (String function : List.of("MessagesFunction", "InboundEmailFunction")) {
            assertTrue(needs.get(function).contains(new AwsAccessRecorder.Need("dynamodb:Query", orders + "OrdersByEmail")),
                    function + " did not look up the sender's orders by e-mail: the scenario no longer covers that path");
            assertTrue(grants(function).stream().anyMatch(g -> g.actions().contains("dynamodb:Query")
                    && g.resources().stream().anyMatch(p -> matches(p, orders + "OrdersByEmail"))), function + " may not query OrdersByEmail");
        }
        assertTrue(needs.get("MessagesFunction").contains(new AwsAccessRecorder.Need("dynamodb:Query", orders + "OrdersByPhone")),
                "a WhatsApp message known by phone looks the sender's orders up by phone");
    }

    @Test
    void withTheConfigurationInS3EveryFunctionReadsThatObjectAtInitialisationAndMayReadNothingElseOfThatBucket() {
        String object = "arn:aws:s3:::" + CONFIG_BUCKET + "/" + CONFIG_KEY;
        String parameter = "arn:aws:ssm:" + AwsAccessRecorder.REGION + ":" + AwsAccessRecorder.ACCOUNT + ":parameter" + CONFIG_PARAMETER;
        assertEquals(new TreeSet<>(functions()), new TreeSet<>(s3InitNeeds.keySet()), "every function initialised with the S3 configuration");
        for (String function : functions()) {
            Set<AwsAccessRecorder.Need> init = s3InitNeeds.get(function);
            assertTrue(init.contains(new AwsAccessRecorder.Need("s3:GetObject", object)), function + " did not read the configuration object: " + init);
            assertFalse(init.contains(new AwsAccessRecorder.Need("ssm:GetParameter", parameter)), function + " still read the SSM parameter");
            List<Grant> withS3 = grants(function, deployedWithS3Config);
            for (AwsAccessRecorder.Need need : init) {
                assertTrue(withS3.stream().anyMatch(g -> g.actions().contains(need.action())
                        && need.resources().stream().anyMatch(r -> g.resources().stream().anyMatch(p -> matches(p, r)))),
                        function + ": the S3 deployment does not allow " + AwsAccessRecorder.describe(Set.of(need)));
            }
            // Both ways: the S3 deployment grants exactly what the SSM one does (which the scenarios above
            // prove used and sufficient), except the parameter, replaced by the one object.
            assertEquals(permissions(grants(function)).stream().filter(g -> !g.equals("ssm:GetParameter " + parameter)).toList(),
                    permissions(withS3).stream().filter(g -> !g.equals("s3:GetObject " + object)).toList(), function);
            assertTrue(permissions(grants(function)).contains("ssm:GetParameter " + parameter), function + " may read the SSM configuration");
            assertTrue(permissions(withS3).contains("s3:GetObject " + object), function + " may read the configuration object");
            assertFalse(permissions(withS3).contains("ssm:GetParameter " + parameter), function + " may still read the SSM configuration");
            assertFalse(permissions(grants(function)).stream().anyMatch(g -> g.contains(CONFIG_BUCKET)), function + ": no S3 configuration, no grant");
        }
    }

    // -------------------------------------------------------------------------------------------------
    // The scenarios
    // -------------------------------------------------------------------------------------------------

    private static Map<String, String> withS3Config() {
        Map<String, String> parameters = new HashMap<>(PARAMETERS);
        parameters.put("ConfigBucketName", CONFIG_BUCKET);
        parameters.put("ConfigObjectPath", CONFIG_KEY);
        return Map.copyOf(parameters);
    }

    /**
     * Every function's handler built and primed as SnapStart does at publication, from the environment the
     * template gives it when {@code ConfigBucketName} is set. Recorded apart from the scenarios.
     */
    private static void initialiseEveryFunctionWithTheConfigurationInS3() {
        deployedWithS3Config = new DeployedTemplate(template, "promptly", S3_PARAMETERS, Map.of("PromptlyTable", TABLE, "InboundMailBucket", BUCKET));
        String suffix = " with the configuration in S3";
        for (String function : functions()) {
            recorder.recordFor(function + suffix);
            Object handler = HANDLERS.get(function).apply(deployment(function, deployedWithS3Config));
            if (handler instanceof org.crac.Resource resource) {
                try {
                    resource.beforeCheckpoint(null);
                } catch (Exception e) {
                    throw new IllegalStateException(function + ": priming failed", e);
                }
            }
        }
        recorder.recordFor(null);
        s3InitNeeds = new TreeMap<>();
        recorder.needs().forEach((name, used) -> {
            if (name.endsWith(suffix)) {
                s3InitNeeds.put(name.substring(0, name.length() - suffix.length()), used);
            }
        });
    }

    private static void storeConfigurationAndSecrets() throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "config", "promptly.example.json")));
        config.remove("_comment");
        ObjectNode shop = (ObjectNode) config.path("shops").path(SHOP);
        shop.putObject("secrets")
                .put("shopify_webhook", "ssm:/promptly/secrets/demo-shop/shopify-webhook")
                .put("messages", "ssm:/promptly/secrets/demo-shop/messages")
                .put("agent_token", "ssm:/promptly/secrets/demo-shop/agent-token")
                .put("export_token", "ssm:/promptly/secrets/demo-shop/export-token");
        shop.putObject("shopify_admin").put("access_token", "ssm:/promptly/secrets/demo-shop/admin-token");
        ObjectNode alerts = ((ObjectNode) shop.path("sla")).putObject("alerts");
        alerts.putObject("targets").putObject("ops").put("sns", TOPIC);
        ((ObjectNode) alerts.get("targets")).putObject("chat").put("slack", "ssm:/promptly/secrets/demo-shop/slack");
        alerts.putArray("stages").addObject().put("stage", "breach").putArray("notify").add("ops").add("chat").add("support");
        // Two late orders trip the circuit breaker, so the scan takes the operator's release.
        ((ObjectNode) shop.path("delay_notices").path("circuit_breaker")).put("max_notices", 1);
        ((ObjectNode) shop.path("whatsapp"))
                .put("app_secret", "ssm:/promptly/secrets/demo-shop/whatsapp-app-secret")
                .put("access_token", "ssm:/promptly/secrets/demo-shop/whatsapp-access-token")
                .put("verify_token", "ssm:/promptly/secrets/demo-shop/whatsapp-verify-token");
        ((ObjectNode) shop.path("helpdesk")).put("base_url", recorder.endpoint().toString().replaceAll("/+$", ""))
                .put("api_token", "ssm:/promptly/secrets/demo-shop/zendesk-api")
                .put("webhook_secret", "ssm:/promptly/secrets/demo-shop/zendesk-webhook");
        ObjectNode other = shop.deepCopy();
        other.put("name", "Other Shop").put("support_email", "support@other-shop.example");
        other.putObject("secrets")
                .put("shopify_webhook", "secretsmanager:promptly/other-shop/shopify-webhook")
                .put("messages", "secretsmanager:promptly/other-shop/messages")
                .put("agent_token", "secretsmanager:promptly/other-shop/agent-token")
                .put("export_token", "secretsmanager:promptly/other-shop/export-token");
        ((ObjectNode) other.path("whatsapp"))
                .put("app_secret", "secretsmanager:promptly/other-shop/whatsapp-app-secret")
                .put("access_token", "secretsmanager:promptly/other-shop/whatsapp-access-token")
                .put("verify_token", "secretsmanager:promptly/other-shop/whatsapp-verify-token");
        ((ObjectNode) other.path("sla").path("alerts").path("targets")).putObject("chat").put("slack", "secretsmanager:promptly/other-shop/slack");
        other.putObject("shopify_admin").put("access_token", "secretsmanager:promptly/other-shop/admin-token");
        ((ObjectNode) other.path("helpdesk")).put("api_token", "secretsmanager:promptly/other-shop/zendesk-api")
                .put("webhook_secret", "secretsmanager:promptly/other-shop/zendesk-webhook");
        ((ObjectNode) shop.path("csat")).put("token_secret", "ssm:/promptly/secrets/demo-shop/csat-token-secret");
        ((ObjectNode) other.path("csat")).put("token_secret", "secretsmanager:promptly/other-shop/csat-token-secret");
        ((ObjectNode) config.get("shops")).set(OTHER_SHOP, other);
        recorder.parameter(CONFIG_PARAMETER, config.toString());
        recorder.parameter("/promptly/secrets/demo-shop/admin-token", "demo-admin-token");
        recorder.secret("promptly/other-shop/admin-token", "other-admin-token");
        recorder.object(CONFIG_BUCKET, CONFIG_KEY, config.toString().getBytes(StandardCharsets.UTF_8));
        // The sample events are signed with the example configuration's local values.
        recorder.parameter("/promptly/secrets/demo-shop/shopify-webhook", "local-webhook-secret");
        recorder.parameter("/promptly/secrets/demo-shop/messages", "local-messages-secret");
        recorder.parameter("/promptly/secrets/demo-shop/agent-token", "local-agent-token");
        recorder.parameter("/promptly/secrets/demo-shop/export-token", "local-export-token");
        recorder.parameter("/promptly/secrets/demo-shop/slack", recorder.endpoint() + "/slack/demo");
        recorder.secret("promptly/other-shop/shopify-webhook", "other-webhook-secret");
        recorder.secret("promptly/other-shop/messages", "other-messages-secret");
        recorder.secret("promptly/other-shop/agent-token", "other-agent-token");
        recorder.secret("promptly/other-shop/export-token", "other-export-token");
        recorder.secret("promptly/other-shop/slack", recorder.endpoint() + "/slack/other");
        recorder.parameter("/promptly/secrets/demo-shop/whatsapp-app-secret", "local-whatsapp-app-secret");
        recorder.parameter("/promptly/secrets/demo-shop/whatsapp-access-token", "local-whatsapp-access-token");
        recorder.parameter("/promptly/secrets/demo-shop/whatsapp-verify-token", "local-whatsapp-verify-token");
        recorder.secret("promptly/other-shop/whatsapp-app-secret", "other-whatsapp-app-secret");
        recorder.secret("promptly/other-shop/whatsapp-access-token", "other-whatsapp-access-token");
        recorder.secret("promptly/other-shop/whatsapp-verify-token", "other-whatsapp-verify-token");
        recorder.parameter("/promptly/secrets/demo-shop/zendesk-api", "local-zendesk-api-token");
        recorder.parameter("/promptly/secrets/demo-shop/zendesk-webhook", "local-zendesk-webhook-secret");
        recorder.secret("promptly/other-shop/zendesk-api", "other-zendesk-api-token");
        recorder.secret("promptly/other-shop/zendesk-webhook", "other-zendesk-webhook-secret");
        recorder.parameter("/promptly/secrets/demo-shop/csat-token-secret", "local-csat-token-secret");
        recorder.secret("promptly/other-shop/csat-token-secret", "other-csat-token-secret");
    }

    private static void runScenarios() throws Exception {
        var webhook = http("ShopifyWebhookFunction", ShopifyWebhookHandler::new);
        for (String sample : List.of("orders-create", "orders-updated", "customers-data-request")) {
            expect(200, webhook.apply(sample("shopify-webhook/" + sample)));
        }
        String order = Files.readString(EVENTS.resolve("shopify-bodies/orders-create.json"));
        expect(200, webhook.apply(webhookEvent(SHOP, "local-webhook-secret", "orders/create",
                order.replace("5001001", "5001002").replace("#1001", "#1002"))));
        expect(200, webhook.apply(webhookEvent(OTHER_SHOP, "other-webhook-secret", "orders/create", order)));
        // Two orders nobody asks about: they get delay notices (asked-about ones get a note for the team).
        for (int i = 3; i <= 4; i++) {
            expect(200, webhook.apply(webhookEvent(SHOP, "local-webhook-secret", "orders/create", order.replace("5001001", "500100" + i)
                    .replace("#1001", "#100" + i).replace("anna.beispiel@example.com", "kunde" + i + "@example.com").replace("1234567", "765432" + i))));
        }

        if (deployed.exists("ShopifyEventBridgeFunction")) {
            var eventBridge = stream("ShopifyEventBridgeFunction", ShopifyEventBridgeHandler::new);
            eventBridge.apply(Files.readString(EVENTS.resolve("shopify-eventbridge/orders-updated.json")));
        }

        var export = http("DataExportFunction", DataExportHandler::new);
        expect(200, export.apply(sample("data-export/get-export")));
        var otherExport = sample("data-export/get-export");
        otherExport.setHeaders(Map.of("x-promptly-shop", OTHER_SHOP, "authorization", "Bearer other-export-token"));
        expect(404, export.apply(otherExport));

        var messages = http("MessagesFunction", MessagesHandler::new);
        for (String sample : List.of("chat-en", "email-relay-de", "out-of-office")) {
            expect(202, messages.apply(sample("messages/" + sample)));
        }
        // A follow-up in the same chat session continues the conversation (and reads its SLA event log).
        var followUp = message(SHOP, "chat", "chat-7d1f0c2e-0002", "And do you ship to Switzerland too?");
        followUp.put("session_id", "widget-session-7d1f0c2e");
        ((ObjectNode) followUp.get("from")).put("email", "ben.sample@example.org");
        expect(202, messages.apply(signedMessage(followUp, "local-messages-secret")));
        // "Where is my order?" without a number: the sender's orders by e-mail, or by phone on WhatsApp.
        var wismo = message(SHOP, "email", "wismo-no-number-1", "Hallo, wo bleibt meine Bestellung? Ich warte schon eine Woche.");
        ((ObjectNode) wismo.get("from")).put("email", "anna.beispiel@example.com");
        APIGatewayV2HTTPResponse answered = messages.apply(signedMessage(wismo, "local-messages-secret"));
        expect(202, answered);
        String conversation = JSON.readTree(answered.getBody()).path("conversation_id").asText();
        var whatsapp = message(SHOP, "whatsapp", "wismo-phone-1", "Where is my order? I ordered a week ago.");
        whatsapp.putObject("from").put("phone", "+49 30 1234567");
        expect(202, messages.apply(signedMessage(whatsapp, "local-messages-secret")));
        var other = message(OTHER_SHOP, "email", "other-1", "Where is my order #1001?");
        ((ObjectNode) other.get("from")).put("email", "anna.beispiel@example.com");
        expect(202, messages.apply(signedMessage(other, "other-messages-secret")));

        // WhatsApp: Meta's verification request; "where is my order?" from the order's own number (its orders by
        // phone) and a follow-up threaded by the sender's WhatsApp id (SSM secrets); in the other shop (Secrets
        // Manager secrets) a first message naming an order number (looked up by name).
        var whatsappWebhook = http("WhatsAppWebhookFunction", WhatsAppWebhookHandler::new);
        expect(200, whatsappWebhook.apply(whatsappVerification(SHOP, "local-whatsapp-verify-token")));
        expect(200, whatsappWebhook.apply(whatsappText(SHOP, "local-whatsapp-app-secret", "wamid.iam-1", "Where is my order?")));
        expect(200, whatsappWebhook.apply(whatsappText(SHOP, "local-whatsapp-app-secret", "wamid.iam-2", "Any news?")));
        expect(200, whatsappWebhook.apply(whatsappText(OTHER_SHOP, "other-whatsapp-app-secret", "wamid.iam-3", "Wo bleibt Bestellung #1001?")));
        expect(403, whatsappWebhook.apply(whatsappVerification(OTHER_SHOP, "local-whatsapp-verify-token")));
        // The WhatsApp answers go out at once, within the customer service window, with each shop's access token.
        sendNow(pendingOutbox().stream().filter(IamContractTest::isWhatsApp).toList());

        var events = http("ConversationEventsFunction", ConversationEventsHandler::new);
        var agentReplied = sample("conversation-events/agent-replied");
        agentReplied.setPathParameters(Map.of("id", conversation));
        agentReplied.setBody("{\"type\": \"waiting_on_customer\", \"at\": \"" + CLOCK.instant() + "\"}");
        expect(200, events.apply(agentReplied));
        var otherEvent = sample("conversation-events/agent-replied");
        otherEvent.setHeaders(Map.of("x-promptly-shop", OTHER_SHOP, "authorization", "Bearer other-agent-token", "content-type", "application/json"));
        expect(404, events.apply(otherEvent));
        // The same function serves the shop's KPI report (one range query of its KPI days).
        expect(200, events.apply(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("shop", SHOP))
                .withHeaders(Map.of("authorization", "Bearer local-agent-token")).withQueryStringParameters(Map.of("from", "2026-11-23", "to", "2026-11-29"))
                .build()));
        // The team replies and solves: the survey is queued (its budget counters updated); a reopen before it is due
        // takes it back (a conditional delete), the next solve queues it again; the customer rates and comments.
        expect(200, events.apply(teamEvent(conversation, "agent_replied")));
        expect(200, events.apply(teamEvent(conversation, "solved")));
        CLOCK.advance(Duration.ofMinutes(1));
        expect(200, events.apply(teamEvent(conversation, "reopened")));
        CLOCK.advance(Duration.ofMinutes(1));
        expect(200, events.apply(teamEvent(conversation, "solved")));
        String surveyToken = surveyToken();
        expect(200, events.apply(csatLink("GET", surveyToken, null)));
        expect(200, events.apply(csatLink("POST", surveyToken, "comment=Quick+and+kind")));

        // Helpdesk webhooks: a customer's Zendesk ticket asking about an order (by number, and by e-mail without one),
        // an agent's reply and a status change; the other shop's secret from Secrets Manager; a body without the
        // customer's address fails after the delivery was claimed, so the claim is deleted again.
        var helpdesk = http("HelpdeskEventsFunction", HelpdeskEventsHandler::new);
        expect(200, helpdesk.apply(zendesk(SHOP, "local-zendesk-webhook-secret", zendeskBody("customer_message", "801", "Where is my order #1001?"))));
        expect(200, helpdesk.apply(zendesk(SHOP, "local-zendesk-webhook-secret", zendeskBody("customer_message", "802", "Wo bleibt meine Bestellung?"))));
        expect(200, helpdesk.apply(zendesk(SHOP, "local-zendesk-webhook-secret", zendeskBody("agent_reply", "801", "It left today."))));
        expect(200, helpdesk.apply(zendesk(OTHER_SHOP, "other-zendesk-webhook-secret", zendeskBody("customer_message", "803", "Do you ship to Austria?"))));
        expect(400, helpdesk.apply(zendesk(SHOP, "local-zendesk-webhook-secret",
                zendeskBody("customer_message", "804", "Hi").replace("anna.beispiel@example.com", ""))));

        var email = stream("InboundEmailFunction", SesEmailHandler::new);
        mail(email, "ses-wismo-1", "<wismo-mail-1@mail.example.com>", null, "Hallo, wo bleibt meine Bestellung? Viele Grüße, Anna");
        mail(email, "ses-wismo-2", "<wismo-mail-2@mail.example.com>", "<wismo-mail-1@mail.example.com>", "Hallo, gibt es schon etwas Neues?");
        mail(email, "ses-wismo-3", "<wismo-mail-3@mail.example.com>", null, "Guten Tag, wann kommt Bestellung #1002? Danke, Anna");
        mailWithFile(email, "ses-file-1", "<file-mail-1@mail.example.com>");
        // Anna writes to the other shop too: its redaction, through EventBridge, deletes that stored mail.
        mail(email, "support@other-shop.example", "ses-other-1", "<other-mail-1@mail.example.com>", null, "Hallo, wo bleibt meine Bestellung?");
        // Orders Promptly never stored are asked of each shop's Admin API, with its token from SSM or Secrets Manager.
        mail(email, "ses-unknown-1", "<unknown-mail-1@mail.example.com>", null, "Guten Tag, wann kommt Bestellung #4711? Danke, Anna");
        mail(email, "support@other-shop.example", "ses-unknown-2", "<unknown-mail-2@mail.example.com>", null,
                "Guten Tag, wann kommt Bestellung #4712? Danke, Anna");

        // On Monday afternoon every open conversation has breached its first-response target.
        CLOCK.advance(Duration.ofDays(3));
        stream("SlaMonitorFunction", SlaMonitorHandler::new).apply("{}");
        // Monday is also the weekly KPI digest's day: the same function with its second schedule's input.
        JsonNode digest = JSON.readTree(stream("SlaMonitorFunction", SlaMonitorHandler::new).apply("{\"job\": \"kpi_digest\"}"));
        assertTrue(digest.path("sent").asInt() >= 1, "the KPI digest was recorded: " + digest);

        // A week later the unfulfilled order is late; an operator also releases the circuit breaker.
        CLOCK.advance(Duration.ofDays(7));
        var delay = stream("DelayScanFunction", DelayScanHandler::new);
        delay.apply("{\"release_breaker\": \"" + SHOP + "\"}");
        JsonNode report = JSON.readTree(delay.apply(Files.readString(EVENTS.resolve("sla-monitor/schedule.json"))));
        assertEquals(2, report.path("notices").asInt(), "two delay notices (the breaker released), notes for the orders asked about: " + report);
        // An operator backfills both shops (the Admin API stand-in knows no further orders).
        for (String shop : List.of(SHOP, OTHER_SHOP)) {
            JsonNode backfill = JSON.readTree(delay.apply("{\"backfill\": {\"shop\": \"" + shop + "\", \"days\": 60}}"));
            assertTrue(backfill.path("complete").asBoolean(), backfill.toString());
        }

        // Every pending record (acknowledgements, WISMO answers, delay notices, alerts to SNS, Slack and
        // e-mail, both shops) reaches the stream function; the deliveries fail as if throttled, so each
        // record stays pending and the sweep sends it again an hour later.
        var pending = pendingOutbox();
        assertTrue(pending.size() >= 6, "the scenarios left too few outbox records to send: " + pending.size());
        recorder.throttleDeliveries(true);
        sendNow(pending);
        recorder.throttleDeliveries(false);
        CLOCK.advance(Duration.ofHours(1));
        stream("OutboxSweepFunction", OutboxSweepHandler::new).apply(Files.readString(EVENTS.resolve("outbox-sender/schedule.json")));
        assertTrue(pendingOutbox().isEmpty(), "the sweep sent every record");
        // A WhatsApp answer the stream never got goes out with the sweep, which records its WhatsApp id as well.
        expect(200, http("WhatsAppWebhookFunction", WhatsAppWebhookHandler::new).apply(
                whatsappText(SHOP, "local-whatsapp-app-secret", "wamid.iam-4", "Hallo, habt ihr das auch in L?", "4915112345678")));
        stream("OutboxSweepFunction", OutboxSweepHandler::new).apply(Files.readString(EVENTS.resolve("outbox-sender/schedule.json")));
        assertTrue(pendingOutbox().isEmpty(), "the sweep sent the WhatsApp answer");

        // The hourly KPI rollup, and an operator's recomputation of every day of the scenarios: conversations through
        // their index, their logs, alert markers and surveys, the delay notices sent and their orders, the days stored.
        var kpis = stream("KpiRollupFunction", KpiRollupHandler::new);
        JsonNode hourly = JSON.readTree(kpis.apply(Files.readString(EVENTS.resolve("kpi-rollup/schedule.json"))));
        assertTrue(hourly.path("complete").asBoolean(), hourly.toString());
        JsonNode recomputed = JSON.readTree(kpis.apply("{\"kpi_rollup\": {\"shop\": \"" + SHOP + "\", \"from\": \"2026-11-20\", \"to\": \""
                + java.time.LocalDate.ofInstant(CLOCK.instant(), java.time.ZoneId.of("Europe/Berlin")) + "\"}}"));
        assertTrue(recomputed.path("conversations").asInt() > 0 && recomputed.path("notices").asInt() > 0, recomputed.toString());

        // Last, what deletes: the remaining topics, the customer's and then the shop's redaction, over
        // HTTPS for one shop and through EventBridge (no signature, so no secret) for the other.
        if (deployed.exists("ShopifyEventBridgeFunction")) {
            var eventBridge = stream("ShopifyEventBridgeFunction", ShopifyEventBridgeHandler::new);
            for (String sample : List.of("customers-data-request", "customers-redact", "shop-redact")) {
                eventBridge.apply(eventBridgeEvent(OTHER_SHOP, sample));
            }
        }
        for (String sample : List.of("fulfillments-create", "fulfillments-update", "fulfillment-events-create", "orders-partially-fulfilled",
                "orders-fulfilled", "orders-cancelled", "customers-redact", "shop-redact")) {
            expect(200, webhook.apply(sample("shopify-webhook/" + sample)));
        }
        recorder.recordFor(null);
    }

    /**
     * The function's handler built as in Lambda (priming included: SnapStart runs it with the function's
     * role), then its events; calls are recorded for {@code function}.
     */
    private static <H> H handler(String function, Function<Deployment, H> constructor) {
        recorder.recordFor(function);
        H handler = constructor.apply(deployment(function, deployed));
        if (handler instanceof org.crac.Resource resource) {
            try {
                resource.beforeCheckpoint(null);
            } catch (Exception e) {
                throw new IllegalStateException(function + ": priming failed", e);
            }
        }
        return handler;
    }

    @SuppressWarnings("unchecked")
    private static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http(String function,
            Function<Deployment, ? extends RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> constructor) {
        var handler = handler(function, constructor);
        return event -> {
            recorder.recordFor(function);
            return handler.handleRequest(event, null);
        };
    }

    private static Function<String, String> stream(String function, Function<Deployment, ? extends RequestStreamHandler> constructor) {
        var handler = handler(function, constructor);
        return event -> {
            recorder.recordFor(function);
            var out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        };
    }

    /**
     * What {@code Deployment.fromEnvironment} builds in Lambda, from the environment the template gives
     * {@code function}, with AWS's endpoints replaced by the recorder and DynamoDB Local.
     */
    @SuppressWarnings("unchecked")
    private static Deployment deployment(String function, DeployedTemplate deployed) {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, Object> globals = asMap(asMap(deployed.resolve(asMap(template.getOrDefault("Globals", Map.of())).get("Function")))
                .getOrDefault("Environment", Map.of()));
        Map<String, Object> own = asMap(asMap(deployed.resolve(asMap(deployed.resource(function).get("Properties"))))
                .getOrDefault("Environment", Map.of()));
        asMap(globals.getOrDefault("Variables", Map.of())).forEach((k, v) -> variables.put(k, String.valueOf(v)));
        asMap(own.getOrDefault("Variables", Map.of())).forEach((k, v) -> variables.put(k, String.valueOf(v)));
        variables.put(PromptlyEnvironment.LAMBDA_FUNCTION_NAME, "promptly-" + function);
        variables.put("AWS_ENDPOINT_URL", recorder.endpoint().toString());
        var env = PromptlyEnvironment.from(variables);
        assertTrue(env.inLambda());
        var signed = new SignedHttp(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "iam-contract-test")), Region.of(AwsAccessRecorder.REGION));
        var ssm = new SsmParameterReader(signed, SsmParameterReader.endpointFor(signed, variables));
        var config = ConfigSource.load(env, () -> ssm, () -> new S3ObjectReader(signed, variables));
        var secrets = new CachingSecretResolver(new AwsSecretResolver(() -> ssm, () -> new SecretsManagerReader(signed, variables)), CLOCK,
                AwsClients.SECRET_CACHE);
        DynamoDbClient client = dynamo.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(recorder.dynamoDbInterceptor())).build();
        // AwsClients(false): credentials from the system properties above, where Lambda's would come from
        // its environment; the signed calls still go wherever the variables point them.
        return Deployment.builder().awsAdapters(variables, new AwsClients(false)).dynamoDb(client, env.tableName()).config(config)
                .secrets(secrets).clock(CLOCK).shopifyAdminAt(adminApi.origin())
                .whatsAppApi(() -> java.util.Optional.of(new dev.promptly.whatsapp.GraphApiClient(
                        java.net.URI.create("http://127.0.0.1:" + graphApi.getAddress().getPort()))))
                .build();
    }

    private static APIGatewayV2HTTPEvent sample(String name) {
        try {
            return LAMBDA_JSON.readValue(EVENTS.resolve(name + ".json").toFile(), APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPEvent webhookEvent(String shop, String secret, String topic, String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return APIGatewayV2HTTPEvent.builder().withHeaders(Map.of("x-shopify-shop-domain", shop, "x-shopify-topic", topic,
                        "x-shopify-webhook-id", UUID.randomUUID().toString(), "x-shopify-hmac-sha256", ShopifyHmac.sign(secret, raw)))
                .withBody(body).withIsBase64Encoded(false).build();
    }

    /** Stores a raw mail to the demo shop where the receipt rule would and hands its SES event to the function. */
    private static void mail(Function<String, String> handler, String sesId, String messageId, String inReplyTo, String text) throws IOException {
        mail(handler, "support@demo-shop.example", sesId, messageId, inReplyTo, text);
    }

    private static void mail(Function<String, String> handler, String to, String sesId, String messageId, String inReplyTo, String text)
            throws IOException {
        List<String> headers = new ArrayList<>(List.of("From: Anna Beispiel <anna.beispiel@example.com>", "To: " + to,
                "Subject: Bestellung", "Message-ID: " + messageId, "Date: Fri, 27 Nov 2026 16:00:00 +0100", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8"));
        if (inReplyTo != null) {
            headers.add("In-Reply-To: " + inReplyTo);
        }
        receive(handler, to, sesId, String.join("\r\n", headers) + "\r\n\r\n" + text + "\r\n");
    }

    /** A mail with a file: its team copy makes the outbox functions read the stored mail to attach the file. */
    private static void mailWithFile(Function<String, String> handler, String sesId, String messageId) throws IOException {
        receive(handler, "support@demo-shop.example", sesId, String.join("\r\n", "From: Anna Beispiel <anna.beispiel@example.com>",
                "To: support@demo-shop.example", "Subject: Beleg", "Message-ID: " + messageId, "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"", "", "--b1", "Content-Type: text/plain; charset=UTF-8", "",
                "Anbei der Beleg.", "--b1", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=\"beleg.pdf\"",
                "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQK", "--b1--", ""));
    }

    private static void receive(Function<String, String> handler, String to, String sesId, String raw) throws IOException {
        recorder.object(BUCKET, "inbound/" + sesId, raw.getBytes(StandardCharsets.UTF_8));
        ObjectNode receipt = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("ses-inbound/receipt.json")));
        ((ObjectNode) receipt.at("/Records/0/ses/mail")).put("messageId", sesId).putArray("destination").add(to);
        ((ObjectNode) receipt.at("/Records/0/ses/receipt")).putArray("recipients").add(to);
        handler.apply(receipt.toString());
    }

    /** A sample body as Shopify's partner event source delivers it for {@code shop}. */
    private static String eventBridgeEvent(String shop, String sample) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("shopify-eventbridge/orders-updated.json")));
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.set("payload", JSON.readTree(Files.readString(EVENTS.resolve("shopify-bodies/" + sample + ".json")).replace(SHOP, shop)));
        String topic = sample.replaceFirst("-", "/").replace("-", "_");
        ((ObjectNode) detail.get("metadata")).put("X-Shopify-Topic", topic).put("X-Shopify-Shop-Domain", shop)
                .put("X-Shopify-Webhook-Id", "eb-" + sample + "-" + shop);
        return event.toString();
    }

    private static String zendeskBody(String event, String ticket, String comment) {
        return JSON.createObjectNode().put("event", event).put("ticket_id", ticket).put("updated_at", CLOCK.instant().toString())
                .put("status", "open").put("priority", "normal").put("tags", "").put("subject", "Bestellung")
                .put("requester_email", "anna.beispiel@example.com").put("requester_name", "Anna Beispiel").put("comment", comment).toString();
    }

    /** A Zendesk trigger's webhook signed as Zendesk signs: base64(HMAC-SHA256(secret, timestamp + body)). */
    private static APIGatewayV2HTTPEvent zendesk(String shop, String secret, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String timestamp = CLOCK.instant().toString();
            String signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
            return APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("vendor", "zendesk", "shop", shop))
                    .withHeaders(Map.of("content-type", "application/json", "x-zendesk-webhook-signature-timestamp", timestamp,
                            "x-zendesk-webhook-signature", signature))
                    .withBody(body).withIsBase64Encoded(false).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode message(String shop, String channel, String id, String text) {
        ObjectNode body = JSON.createObjectNode().put("shop", shop).put("channel", channel).put("message_id", id);
        body.putObject("from").put("name", "Anna Beispiel");
        body.put("text", text).put("received_at", CLOCK.instant().toString());
        return body;
    }

    private static APIGatewayV2HTTPEvent signedMessage(ObjectNode body, String secret) {
        String raw = body.toString();
        return APIGatewayV2HTTPEvent.builder().withHeaders(Map.of("content-type", "application/json", "x-promptly-shop", body.get("shop").asText(),
                        "x-promptly-signature", MessageSignature.sign(secret, raw.getBytes(StandardCharsets.UTF_8))))
                .withBody(raw).withIsBase64Encoded(false).build();
    }

    /** Hands the outbox records {@code keys} (pk, sk) to the outbox stream function as the table's stream would. */
    private static boolean isWhatsApp(String[] key) {
        return "whatsapp".equals(observer.getItem(g -> g.tableName(TABLE).key(Map.of(
                "pk", AttributeValue.fromS(key[0]), "sk", AttributeValue.fromS(key[1])))).item().get("channel").s());
    }

    private static void sendNow(List<String[]> keys) throws IOException {
        assertFalse(keys.isEmpty(), "no outbox records to send");
        ObjectNode insert = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("outbox-sender/stream-insert.json")));
        JsonNode template = insert.at("/Records/0");
        var records = insert.putArray("Records");
        for (String[] key : keys) {
            ObjectNode record = template.deepCopy();
            ((ObjectNode) record.at("/dynamodb/Keys/pk")).put("S", key[0]);
            ((ObjectNode) record.at("/dynamodb/Keys/sk")).put("S", key[1]);
            records.add(record);
        }
        stream("OutboxStreamFunction", OutboxStreamHandler::new).apply(insert.toString());
    }

    private static APIGatewayV2HTTPEvent whatsappVerification(String shop, String token) {
        return APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("shop", shop))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .withQueryStringParameters(Map.of("hub.mode", "subscribe", "hub.verify_token", token, "hub.challenge", "1158201444")).build();
    }

    /** A WhatsApp text notification from the sample order's number (+49 30 1234567), signed with {@code appSecret}. */
    private static APIGatewayV2HTTPEvent whatsappText(String shop, String appSecret, String messageId, String text) {
        return whatsappText(shop, appSecret, messageId, text, "49301234567");
    }

    private static APIGatewayV2HTTPEvent whatsappText(String shop, String appSecret, String messageId, String text, String from) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode value = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes").addObject()
                .put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "4930555000").put("phone_number_id", "100000000000001");
        value.putArray("contacts").addObject().put("wa_id", from).putObject("profile").put("name", "Anna");
        value.putArray("messages").addObject().put("from", from).put("id", messageId)
                .put("timestamp", String.valueOf(CLOCK.instant().getEpochSecond())).put("type", "text").putObject("text").put("body", text);
        byte[] raw = root.toString().getBytes(StandardCharsets.UTF_8);
        return APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("shop", shop))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .withHeaders(Map.of("x-hub-signature-256", MessageSignature.sign(appSecret, raw), "content-type", "application/json"))
                .withBody(root.toString()).withIsBase64Encoded(false).build();
    }

    private static void expect(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
    }

    /** A team event on the demo shop's conversation {@code id}, at the clock's time. */
    private static APIGatewayV2HTTPEvent teamEvent(String id, String type) {
        var event = sample("conversation-events/agent-replied");
        event.setPathParameters(Map.of("id", id));
        event.setBody("{\"type\": \"" + type + "\"}");
        return event;
    }

    /** The token of the first rating link of the demo shop's pending survey, read with a client whose calls are not recorded. */
    private static String surveyToken() {
        var surveys = observer.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :p and begins_with(sk, :o)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(SHOP), ":o", AttributeValue.fromS("OUTBOX#"))))
                .items().stream().filter(i -> i.containsKey("kind") && "csat_survey".equals(i.get("kind").s())
                        && i.containsKey(PromptlyTable.OUTBOX_DUE_AT)).toList();
        var link = java.util.regex.Pattern.compile("/csat/([A-Za-z0-9_.-]+)").matcher(surveys.get(surveys.size() - 1).get("doc").s());
        assertTrue(link.find(), "the survey has rating links");
        return link.group(1);
    }

    /** A customer's click on a survey link ({@code GET}), or the comment form sent from its page ({@code POST}). */
    private static APIGatewayV2HTTPEvent csatLink(String method, String token, String form) {
        return APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("token", token))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build()).build())
                .withHeaders(form == null ? Map.of() : Map.of("content-type", "application/x-www-form-urlencoded"))
                .withBody(form).withIsBase64Encoded(false).build();
    }

    /** Pending outbox records (pk, sk), read with a client whose calls are not recorded. */
    private static List<String[]> pendingOutbox() {
        List<String[]> found = new ArrayList<>();
        for (String shop : List.of(SHOP, OTHER_SHOP)) {
            observer.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :p and begins_with(sk, :o)")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(shop), ":o", AttributeValue.fromS("OUTBOX#"))))
                    .items().stream().filter(i -> i.containsKey(PromptlyTable.OUTBOX_DUE_AT))
                    .forEach(i -> found.add(new String[] {i.get("pk").s(), i.get("sk").s()}));
        }
        return found;
    }

    // -------------------------------------------------------------------------------------------------
    // The template's policies
    // -------------------------------------------------------------------------------------------------

    private record Grant(String sid, List<String> actions, List<String> resources) {
    }

    /** The functions this deployment creates (their Condition holds). */
    private static List<String> functions() {
        List<String> functions = new ArrayList<>();
        asMap(template.get("Resources")).forEach((name, value) -> {
            if ("AWS::Serverless::Function".equals(asMap(value).get("Type")) && deployed.exists(name)) {
                functions.add(name);
            }
        });
        return functions;
    }

    private static Map<String, Object> properties(String function) {
        return asMap(deployed.resource(function).get("Properties"));
    }

    /** The function's statements as deployed; SAM policy templates are refused (their expansion is not exact). */
    private static List<Grant> grants(String function) {
        return grants(function, deployed);
    }

    /** Each action on each resource the grants allow, "action resource", sorted. */
    private static List<String> permissions(List<Grant> grants) {
        Set<String> all = new TreeSet<>();
        grants.forEach(g -> g.actions().forEach(a -> g.resources().forEach(r -> all.add(a + " " + r))));
        return List.copyOf(all);
    }

    private static List<Grant> grants(String function, DeployedTemplate deployed) {
        List<Grant> grants = new ArrayList<>();
        Object policies = deployed.resolve(asMap(deployed.resource(function).get("Properties")).getOrDefault("Policies", List.of()));
        for (Object policy : (List<?>) policies) {
            assertInstanceOf(Map.class, policy, function + ": policies must be inline statements, not a managed policy or SAM policy template: " + policy);
            Object statements = asMap(policy).get("Statement");
            assertInstanceOf(List.class, statements, function + ": policies must be inline statements, not a SAM policy template: " + policy);
            for (Object s : (List<?>) statements) {
                Map<String, Object> statement = asMap(s);
                assertEquals("Allow", statement.get("Effect"), function + ": " + statement);
                assertFalse(statement.containsKey("NotAction") || statement.containsKey("NotResource"), function + ": no NotAction/NotResource");
                grants.add(new Grant(String.valueOf(statement.get("Sid")), strings(statement.get("Action")), strings(statement.get("Resource"))));
            }
        }
        return grants;
    }

    /**
     * What Lambda itself does with the function's role: send a failed asynchronous invocation or stream
     * batch to the function's on-failure destination (SQS).
     */
    private static Set<AwsAccessRecorder.Need> platformNeeds(String function) {
        Set<AwsAccessRecorder.Need> platform = new HashSet<>();
        Map<String, Object> p = asMap(deployed.resolve(properties(function)));
        List<Object> destinations = new ArrayList<>();
        destinations.add(asMap(asMap(asMap(p.getOrDefault("EventInvokeConfig", Map.of())).getOrDefault("DestinationConfig", Map.of()))
                .getOrDefault("OnFailure", Map.of())).get("Destination"));
        asMap(p.getOrDefault("Events", Map.of())).values().forEach(e -> destinations.add(asMap(asMap(asMap(asMap(e).getOrDefault("Properties", Map.of()))
                .getOrDefault("DestinationConfig", Map.of())).getOrDefault("OnFailure", Map.of())).get("Destination")));
        destinations.stream().filter(d -> d instanceof String s && s.startsWith("arn:aws:sqs:"))
                .forEach(d -> platform.add(new AwsAccessRecorder.Need("sqs:SendMessage", String.valueOf(d))));
        return platform;
    }

    /** IAM's resource matching: {@code *} any run of characters, {@code ?} one, case-sensitive. */
    static boolean matches(String pattern, String resource) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return resource.matches(regex.toString());
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(v -> out.addAll(strings(v)));
            return out;
        }
        assertInstanceOf(String.class, value, "a policy's Action and Resource resolve to strings: " + value);
        return List.of((String) value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    private static String lines(Map<String, Set<String>> byFunction) {
        StringBuilder out = new StringBuilder();
        byFunction.forEach((f, l) -> l.forEach(line -> out.append("  ").append(f).append(": ").append(line).append('\n')));
        return out.toString();
    }
}
