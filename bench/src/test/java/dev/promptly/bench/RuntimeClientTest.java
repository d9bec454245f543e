package dev.promptly.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuntimeClientTest {
    @Test
    void httpAnswerEncodedByTheClientReadsAsStatusAndBody() {
        String posted = "{\"statusCode\":202,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{\\\"ticket\\\":\\\"PR-1\\\"}\",\"isBase64Encoded\":false}";

        String readable = RuntimeClient.readable("http", posted);

        assertEquals("status 202 {\"ticket\":\"PR-1\"}", readable);
    }

    @Test
    void streamAnswerReadsAsPosted() {
        assertEquals("{\"written\":1}", RuntimeClient.readable("stream", "{\"written\":1}"));
    }

    @Test
    void childGetsTheVariablesLambdaSetsForTheFunction() {
        var env = RuntimeClient.lambdaEnvironment("sla-monitor", "dev.promptly.functions.sla.SlaMonitorHandler", "127.0.0.1:9001", Path.of("/task"));

        assertEquals("dev.promptly.functions.sla.SlaMonitorHandler", env.get("_HANDLER"));
        assertEquals("127.0.0.1:9001", env.get("AWS_LAMBDA_RUNTIME_API"));
        assertEquals("sla-monitor", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("1024", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("/task", env.get("LAMBDA_TASK_ROOT"));
    }
}
