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
import dev.promptly.app.PromptlyEnvironment;
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
 * trigger's event, the HTTP routes, the table's keys, indexes and TTL, the environment, no secrets, and
 * SnapStart. Maven runs the tests of this module with {@code local/} as working directory.
 */
class TemplateContractTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";

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
            // this test's classpath.
            String codeUri = asString(properties.get("CodeUri"), name + ".CodeUri");
            assertTrue(codeUri.matches("functions/[a-z-]+/target/promptly-[a-z-]+-function\\.jar"),
                    name + ": CodeUri must be the module's shaded jar, not " + codeUri);
            String module = codeUri.substring(0, codeUri.indexOf("/target/"));
            assertTrue(codeUri.endsWith("/target/promptly-" + module.substring("functions/".length()) + "-function.jar"),
                    name + ": CodeUri " + codeUri + " is not the shaded jar of " + module);
            Path source = Path.of("..", module, "src", "main", "java", type.getName().replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source),
                    name + ": handler " + type.getName() + " is not in its CodeUri module " + module + " (no " + source + ")");
        });
    }

    // -------------------------------------------------------------------------------------------------
    // b) handlers take their trigger's event
    // -------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionHandlerClassExistsAndTakesItsTriggersEventType() {
        functions().forEach((name, properties) -> {
            Handler handler = handler(name, properties);
            Class<?> type = handlerClass(name, handler);
            Map<String, Object> events = asMap(properties.getOrDefault("Events", Map.of()), name + ".Events");
            assertFalse(events.isEmpty(), name + ": declares no Events, so nothing would ever invoke it");
            events.forEach((eventName, eventValue) -> {
                String eventType = asString(asMap(eventValue, name + ".Events." + eventName).get("Type"),
                        name + ".Events." + eventName + ".Type");
                String where = name + " (" + eventType + " event " + eventName + "): " + type.getName();
                switch (eventType) {
                    case "HttpApi" -> {
                        Type input = requestHandlerInput(type);
                        assertNotNull(input, where + " does not implement RequestHandler<APIGatewayV2HTTPEvent, ?>");
                        assertEquals(APIGatewayV2HTTPEvent.class, input,
                                where + " must take APIGatewayV2HTTPEvent (HTTP API payload format 2.0), not " + input.getTypeName());
                        assertEquals("handleRequest", handler.method(), where + ": RequestHandler's method is handleRequest");
                    }
                    case "EventBridgeRule" -> {
                        Type input = requestHandlerInput(type);
                        boolean stream = RequestStreamHandler.class.isAssignableFrom(type);
                        boolean eventMap = input != null && (rawClass(input) == Map.class
                                || "com.amazonaws.services.lambda.runtime.events.ScheduledEvent".equals(input.getTypeName()));
                        assertTrue(stream || eventMap, where
                                + " must implement RequestStreamHandler or RequestHandler<Map|ScheduledEvent, ?> to read an EventBridge event");
                        assertEquals("handleRequest", handler.method(), where + ": the handler interface's method is handleRequest");
                    }
                    default -> fail(where + ": no contract is known for event type " + eventType + "; extend this test");
                }
            });
        });
    }

    // -------------------------------------------------------------------------------------------------
    // c) HTTP routes
    // -------------------------------------------------------------------------------------------------

    @Test
    void theHttpRoutesAreExactlyTheShopifyWebhookAndTheDataExport() {
        Set<String> routes = new TreeSet<>();
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
                }));
        assertEquals(Set.of("POST /webhooks/shopify", "GET /data-requests/{requestId}"), routes,
                "the HTTP API's routes (missing or extra ones differ here)");
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
        });
    }

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

    // -------------------------------------------------------------------------------------------------
    // The template
    // -------------------------------------------------------------------------------------------------

    private record Handler(String className, String method) {
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
