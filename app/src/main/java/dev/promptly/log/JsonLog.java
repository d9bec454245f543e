package dev.promptly.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.json.JsonTrees;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON object per line on standard output, which Lambda sends to CloudWatch Logs. Callers pass ids,
 * counts and outcomes only: never e-mail addresses, names, phone numbers, message text or secrets.
 *
 * <p>Every line has {@code time}, {@code level}, {@code function} and {@code event}; during an invocation
 * ({@link #invocation}) also {@code awsRequestId} (Lambda's request id; {@code requestId} is a data request's) and {@code coldStart}. With a metrics namespace, a line
 * whose event counts {@link BusinessMetrics} also carries them in CloudWatch's embedded metric format
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * an {@code _aws} member naming the namespace, the dimension {@code Shop} and each metric, which are
 * root members with the value 1, so CloudWatch Logs extracts the metrics from the line itself.
 * One invocation at a time per instance, as Lambda runs them.
 */
public final class JsonLog {
    /** The namespace of the business metrics; without it (tests, the local runner) lines carry none. */
    public static final String METRICS_NAMESPACE_ENV = "PROMPTLY_METRICS_NAMESPACE";

    private final String function;
    private final PrintStream out;
    private final Clock clock;
    private final String metricsNamespace;
    private volatile String requestId;
    private volatile boolean coldStart;
    private volatile boolean invoked;

    public JsonLog(String function, PrintStream out, Clock clock) {
        this(function, out, clock, null);
    }

    /** @param metricsNamespace the CloudWatch namespace of the business metrics, or null for none */
    public JsonLog(String function, PrintStream out, Clock clock, String metricsNamespace) {
        this.function = Objects.requireNonNull(function, "function");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metricsNamespace = metricsNamespace == null || metricsNamespace.isBlank() ? null : metricsNamespace;
    }

    /** Standard output, with the metrics namespace {@value #METRICS_NAMESPACE_ENV} names (the template sets it). */
    public static JsonLog toStdout(String function) {
        return new JsonLog(function, System.out, Clock.systemUTC(), System.getenv(METRICS_NAMESPACE_ENV));
    }

    /**
     * Starts an invocation: the lines until the next one carry its request id, and {@code coldStart} is
     * true during the first invocation of this instance, which is the first after a cold start or, with
     * SnapStart, after a restore (the snapshot is taken before any invocation; SnapStart priming passes
     * no request id and so does not count).
     *
     * @param requestId Lambda's request id ({@code Context.getAwsRequestId()}); null outside Lambda
     */
    public void invocation(String requestId) {
        if (requestId == null) {
            return;
        }
        this.coldStart = !invoked;
        this.invoked = true;
        this.requestId = requestId;
    }

    public void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields);
    }

    public void warn(String event, Map<String, ?> fields) {
        write("WARN", event, fields);
    }

    public void error(String event, Map<String, ?> fields) {
        write("ERROR", event, fields);
    }

    private void write(String level, String event, Map<String, ?> fields) {
        ObjectNode line = JsonTrees.object();
        line.put("time", clock.instant().toString());
        line.put("level", level);
        line.put("function", function);
        line.put("event", event);
        String request = requestId;
        if (request != null) {
            line.put("awsRequestId", request);
            line.put("coldStart", coldStart);
        }
        fields.forEach((key, value) -> {
            if (value == null) {
                line.putNull(key);
            } else if (value instanceof Number n) {
                line.put(key, n.longValue());
            } else {
                line.put(key, value.toString());
            }
        });
        metrics(line, event, fields);
        try {
            out.println(JsonTrees.writeString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"event\":\"log.unserialisable\"}");
        }
    }

    private void metrics(ObjectNode line, String event, Map<String, ?> fields) {
        Object shop = fields.get("shop");
        List<String> metrics = metricsNamespace == null || shop == null ? List.of() : BusinessMetrics.of(event, fields);
        if (metrics.isEmpty()) {
            return;
        }
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", metricsNamespace);
        directive.putArray("Dimensions").addArray().add("Shop");
        ArrayNode definitions = directive.putArray("Metrics");
        line.put("Shop", shop.toString());
        metrics.forEach(metric -> {
            definitions.addObject().put("Name", metric).put("Unit", "Count");
            line.put(metric, 1);
        });
    }
}
