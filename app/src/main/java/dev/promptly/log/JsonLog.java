package dev.promptly.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON object per line on standard output, which Lambda sends to CloudWatch Logs. Callers pass ids,
 * counts and outcomes only: never e-mail addresses, names, phone numbers, message text or secrets.
 */
public final class JsonLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String function;
    private final PrintStream out;
    private final Clock clock;

    public JsonLog(String function, PrintStream out, Clock clock) {
        this.function = Objects.requireNonNull(function, "function");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static JsonLog toStdout(String function) {
        return new JsonLog(function, System.out, Clock.systemUTC());
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
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("level", level);
        line.put("function", function);
        line.put("event", event);
        fields.forEach((key, value) -> {
            if (value == null) {
                line.putNull(key);
            } else if (value instanceof Number n) {
                line.put(key, n.longValue());
            } else {
                line.put(key, value.toString());
            }
        });
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"event\":\"log.unserialisable\"}");
        }
    }
}
