package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LocalStack's init hook ({@code localstack/init/promptly.sh}) run with a stand-in for {@code awslocal} that records
 * its calls: every {@code literal:} secret of the example configuration goes to SSM as a SecureString and the stored
 * configuration refers to it, so the functions deployed there read the same values a deployed function may.
 */
class LocalStackInitHookTest {
    private static final Path HOOK = Path.of("..", "localstack", "init", "promptly.sh");
    private static final Path EXAMPLE = Path.of("..", "config", "promptly.example.json");
    private static final Pattern PUT = Pattern.compile("ssm put-parameter --overwrite --type (\\S+) --name (\\S+) --value (\\S+)");

    @Test
    void everyLiteralSecretOfTheExampleBecomesASecureStringTheStoredConfigurationRefersTo(@TempDir Path dir) throws Exception {
        // given awslocal replaced by a script that logs each call and keeps the files it is handed
        Path calls = dir.resolve("calls.log");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path awslocal = bin.resolve("awslocal");
        Files.writeString(awslocal, """
                #!/bin/bash
                echo "$*" >> "%s"
                for arg in "$@"; do
                  case "$arg" in file://*) cp "${arg#file://}" "%s" ;; esac
                done
                """.formatted(calls, dir.resolve("stored.json")));
        assertTrue(awslocal.toFile().setExecutable(true));

        // when the hook runs on the example configuration
        var hook = new ProcessBuilder("bash", HOOK.toString()).redirectErrorStream(true);
        hook.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        hook.environment().put("PROMPTLY_EXAMPLE_CONFIG", EXAMPLE.toString());
        Process run = hook.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));

        // then it succeeds, and each secret parameter holds the literal value the configuration had in its place
        assertEquals(0, run.exitValue(), output);
        Map<String, String> secrets = new LinkedHashMap<>();
        String configPut = null;
        for (String call : Files.readAllLines(calls)) {
            Matcher put = PUT.matcher(call);
            if (put.matches() && put.group(1).equals("SecureString")) {
                secrets.put(put.group(2), put.group(3));
            } else if (put.matches() && put.group(2).equals("/promptly/config")) {
                configPut = put.group(1);
            }
        }
        assertEquals("String", configPut);
        String example = Files.readString(EXAMPLE);
        String stored = Files.readString(dir.resolve("stored.json"));
        assertFalse(stored.contains("\"literal:"), stored);
        String restored = stored;
        for (var secret : secrets.entrySet()) {
            assertTrue(stored.contains("\"ssm:" + secret.getKey() + "\""), secret.getKey() + " is stored but not referred to");
            restored = restored.replace("\"ssm:" + secret.getKey() + "\"", "\"literal:" + secret.getValue() + "\"");
        }
        assertEquals(example, restored);
        assertEquals(literals(example), secrets.size());
        assertTrue(Files.readAllLines(calls).contains("ses verify-email-identity --email-address support@demo-shop.example"));
    }

    private static long literals(String config) {
        return Pattern.compile("\"literal:([^\"]*)\"").matcher(config).results().map(m -> m.group(1)).distinct().count();
    }
}
