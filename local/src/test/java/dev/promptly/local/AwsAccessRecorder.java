package dev.promptly.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records, per function, the IAM authorisations its AWS calls need, as IAM evaluates them: an action and
 * the resource ARN (or the ARNs of which one must be allowed). DynamoDB calls are recorded by an SDK
 * interceptor on the functions' real client (DynamoDB Local behind it); the calls Promptly signs itself
 * ({@code SignedHttp}: SSM, Secrets Manager, SES v2, SNS, S3) reach this stand-in for every AWS endpoint,
 * which answers them from memory. Anything it does not understand is recorded as such and fails the test.
 */
final class AwsAccessRecorder implements AutoCloseable {
    static final String REGION = "eu-central-1";
    static final String ACCOUNT = "123456789012";
    /** What a Secrets Manager ARN carries after the name: a hyphen and six random characters. */
    private static final String SECRET_SUFFIX = "-AbCdEf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVICE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");

    /**
     * One authorisation a call needs: {@code action} on one of {@code resources} (more than one only where
     * IAM evaluates whichever identity applies, e.g. a sender's address or its domain).
     */
    record Need(String action, Set<String> resources) {
        Need(String action, String resource) {
            this(action, Set.of(resource));
        }
    }

    private final String tableName;
    private final HttpServer server;
    private final Map<String, Set<Need>> needs = new ConcurrentHashMap<>();
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private volatile String function;
    private volatile boolean throttle;

    AwsAccessRecorder(String tableName) throws IOException {
        this.tableName = tableName;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::answer);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void parameter(String name, String value) {
        parameters.put(name, value);
    }

    void secret(String name, String value) {
        secrets.put(name, value);
    }

    void object(String bucket, String key, byte[] bytes) {
        objects.put("/" + bucket + "/" + key, bytes);
    }

    /** While on, SES, SNS and Slack answer as throttled (HTTP 503/429), which the sender retries later. */
    void throttleDeliveries(boolean on) {
        throttle = on;
    }

    /** Attributes the calls that follow to {@code logicalId}, until the next call of this method. */
    void recordFor(String logicalId) {
        function = logicalId;
    }

    /** What each function needed, by logical id. */
    Map<String, Set<Need>> needs() {
        Map<String, Set<Need>> copy = new TreeMap<>();
        needs.forEach((f, n) -> copy.put(f, Set.copyOf(n)));
        return copy;
    }

    private void need(String action, Set<String> resources) {
        String f = function;
        if (f == null) {
            throw new IllegalStateException(action + " called outside a recorded function");
        }
        needs.computeIfAbsent(f, k -> ConcurrentHashMap.newKeySet()).add(new Need(action, resources));
    }

    private void need(String action, String resource) {
        need(action, Set.of(resource));
    }

    // -------------------------------------------------------------------------------------------------
    // DynamoDB
    // -------------------------------------------------------------------------------------------------

    /** For the functions' DynamoDB client. */
    ExecutionInterceptor dynamoDbInterceptor() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                recordDynamoDb(context.request());
            }
        };
    }

    private String table(String name) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
    }

    /**
     * The IAM actions of each DynamoDB operation. A transaction is authorised per contained action
     * (PutItem, UpdateItem, DeleteItem, ConditionCheckItem; "Using IAM with DynamoDB transactions",
     * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html); a Query
     * of an index is authorised on {@code table/<name>/index/<index>}.
     */
    private void recordDynamoDb(SdkRequest request) {
        if (request instanceof GetItemRequest r) {
            need("dynamodb:GetItem", table(r.tableName()));
        } else if (request instanceof PutItemRequest r) {
            need("dynamodb:PutItem", table(r.tableName()));
        } else if (request instanceof UpdateItemRequest r) {
            need("dynamodb:UpdateItem", table(r.tableName()));
        } else if (request instanceof DeleteItemRequest r) {
            need("dynamodb:DeleteItem", table(r.tableName()));
        } else if (request instanceof QueryRequest r) {
            need("dynamodb:Query", r.indexName() == null ? table(r.tableName()) : table(r.tableName()) + "/index/" + r.indexName());
        } else if (request instanceof ScanRequest r) {
            need("dynamodb:Scan", r.indexName() == null ? table(r.tableName()) : table(r.tableName()) + "/index/" + r.indexName());
        } else if (request instanceof BatchWriteItemRequest r) {
            r.requestItems().keySet().forEach(t -> need("dynamodb:BatchWriteItem", table(t)));
        } else if (request instanceof BatchGetItemRequest r) {
            r.requestItems().keySet().forEach(t -> need("dynamodb:BatchGetItem", table(t)));
        } else if (request instanceof TransactGetItemsRequest r) {
            r.transactItems().forEach(i -> need("dynamodb:GetItem", table(i.get().tableName())));
        } else if (request instanceof TransactWriteItemsRequest r) {
            r.transactItems().forEach(i -> {
                if (i.put() != null) {
                    need("dynamodb:PutItem", table(i.put().tableName()));
                } else if (i.update() != null) {
                    need("dynamodb:UpdateItem", table(i.update().tableName()));
                } else if (i.delete() != null) {
                    need("dynamodb:DeleteItem", table(i.delete().tableName()));
                } else if (i.conditionCheck() != null) {
                    need("dynamodb:ConditionCheckItem", table(i.conditionCheck().tableName()));
                }
            });
        } else {
            // DescribeTable, CreateTable, ...: named as an action of its own so the comparison shows it.
            need("dynamodb:" + request.getClass().getSimpleName().replaceFirst("Request$", ""), table(tableName));
        }
    }

    // -------------------------------------------------------------------------------------------------
    // The signed calls
    // -------------------------------------------------------------------------------------------------

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher m = SERVICE.matcher(authorization);
            String service = m.find() ? m.group(1) : "unsigned";
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String path = exchange.getRequestURI().getRawPath();
            if (service.equals("unsigned") && path.startsWith("/api/v2/tickets/")) {
                // Zendesk's Update Ticket (a helpdesk note; the example's helpdesk points here): not AWS either.
                send(exchange, 200, "{\"audit\":{\"id\":1}}");
                return;
            }
            if (service.equals("unsigned") && path.startsWith("/slack/")) {
                // A Slack incoming webhook (the URL a secret names): not AWS, so nothing IAM authorises.
                send(exchange, throttle ? 429 : 200, "ok");
                return;
            }
            switch (service) {
                case "ssm" -> ssm(exchange, target, body);
                case "secretsmanager" -> secretsManager(exchange, target, body);
                case "ses" -> ses(exchange, path, body);
                case "sns" -> sns(exchange, body);
                case "s3" -> s3(exchange, path);
                default -> {
                    need(service + ":" + exchange.getRequestMethod() + " " + path + " " + target, "unknown");
                    send(exchange, 400, "{\"__type\":\"UnknownOperation\"}");
                }
            }
        }
    }

    private void ssm(HttpExchange exchange, String target, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        String name = request.path("Name").asText();
        if (!target.equals("AmazonSSM.GetParameter")) {
            need("ssm:" + target, "unknown");
            send(exchange, 400, "{\"__type\":\"UnknownOperation\"}");
            return;
        }
        // Parameter ARNs: "parameter" followed by the name, whose leading "/" separates them.
        need("ssm:GetParameter", "arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter" + (name.startsWith("/") ? name : "/" + name));
        String value = parameters.get(name);
        if (value == null) {
            send(exchange, 400, "{\"__type\":\"ParameterNotFound\"}");
            return;
        }
        var answer = JSON.createObjectNode();
        answer.putObject("Parameter").put("Name", name).put("Type", "SecureString").put("Value", value);
        send(exchange, 200, answer.toString());
    }

    private void secretsManager(HttpExchange exchange, String target, byte[] body) throws IOException {
        String id = JSON.readTree(body).path("SecretId").asText();
        if (!target.equals("secretsmanager.GetSecretValue")) {
            need("secretsmanager:" + target, "unknown");
            send(exchange, 400, "{\"__type\":\"UnknownOperation\"}");
            return;
        }
        // A secret named by its name is authorised on its full ARN, which ends in a random suffix.
        need("secretsmanager:GetSecretValue", id.startsWith("arn:") ? id : "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + id + SECRET_SUFFIX);
        String value = secrets.get(id);
        if (value == null) {
            send(exchange, 400, "{\"__type\":\"ResourceNotFoundException\"}");
            return;
        }
        send(exchange, 200, JSON.createObjectNode().put("SecretString", value).toString());
    }

    /**
     * SES v2 SendEmail: authorised as ses:SendEmail on the sending identity (the address, or the domain
     * it is verified through) and on the configuration set when one is named; with raw content SES also
     * checks ses:SendRawEmail (as the template states; CDK's EmailIdentity.grantSendEmail grants both).
     */
    private void ses(HttpExchange exchange, String path, byte[] body) throws IOException {
        if (!path.equals("/v2/email/outbound-emails")) {
            need("ses:" + path, "unknown");
            send(exchange, 400, "{\"__type\":\"UnknownOperation\"}");
            return;
        }
        JsonNode request = JSON.readTree(body);
        String from = request.path("FromEmailAddress").asText();
        String address = from.replaceAll(".*<([^>]+)>.*", "$1").trim();
        String identity = "arn:aws:ses:" + REGION + ":" + ACCOUNT + ":identity/";
        Set<String> identities = Set.of(identity + address, identity + address.substring(address.indexOf('@') + 1));
        List<String> actions = request.path("Content").has("Raw") ? List.of("ses:SendEmail", "ses:SendRawEmail") : List.of("ses:SendEmail");
        for (String action : actions) {
            need(action, identities);
            if (request.hasNonNull("ConfigurationSetName")) {
                need(action, "arn:aws:ses:" + REGION + ":" + ACCOUNT + ":configuration-set/" + request.get("ConfigurationSetName").asText());
            }
        }
        if (throttle) {
            send(exchange, 429, "{\"__type\":\"TooManyRequestsException\"}");
            return;
        }
        send(exchange, 200, "{\"MessageId\":\"ses-" + System.nanoTime() + "\"}");
    }

    private void sns(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        need("sns:" + form.getOrDefault("Action", "?"), form.getOrDefault("TopicArn", "unknown"));
        if (throttle) {
            send(exchange, 400, "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>");
            return;
        }
        send(exchange, 200, "<PublishResponse><PublishResult><MessageId>sns-" + System.nanoTime() + "</MessageId></PublishResult></PublishResponse>");
    }

    private void s3(HttpExchange exchange, String path) throws IOException {
        String key = URLDecoder.decode(path, StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String action = switch (method) {
            case "GET" -> "GetObject";
            case "DELETE" -> "DeleteObject";
            default -> method;
        };
        need("s3:" + action, "arn:aws:s3:::" + key.substring(1));
        if (method.equals("DELETE")) {
            // S3 answers 204 whether or not the object existed.
            objects.remove(key);
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        byte[] object = objects.get(key);
        exchange.sendResponseHeaders(object == null ? 404 : 200, object == null ? -1 : object.length);
        if (object != null) {
            exchange.getResponseBody().write(object);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/xml" : "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Sorted, for messages. */
    static Set<String> describe(Set<Need> needs) {
        Set<String> lines = new TreeSet<>();
        needs.forEach(n -> lines.add(n.action() + " " + String.join(" | ", new TreeSet<>(n.resources()))));
        return lines;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
