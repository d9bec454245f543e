package dev.promptly.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.aws.s3.S3ObjectReader;
import dev.promptly.aws.ssm.SsmParameterReader;
import dev.promptly.config.ConfigException;
import dev.promptly.core.ShopDomain;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The configuration as an S3 object: read once with a signed GetObject, validated like the others. */
class ConfigSourceTest {
    private static final Supplier<SsmParameterReader> NO_SSM = () -> {
        throw new AssertionError("the S3 configuration must not call SSM");
    };
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer s3;
    private volatile byte[] object;

    @BeforeEach
    void startS3() throws Exception {
        s3 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s3.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                    + (auth != null && auth.startsWith("AWS4-HMAC-SHA256 ") && auth.contains("/eu-central-1/s3/aws4_request") ? "signed" : "unsigned"));
            byte[] body = exchange.getRequestURI().getRawPath().equals("/promptly-config/prod/promptly.json") ? object : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        s3.start();
    }

    @AfterEach
    void stopS3() {
        s3.stop(0);
    }

    private Supplier<S3ObjectReader> reader() {
        var signed = new SignedHttp(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-for-tests")), Region.EU_CENTRAL_1);
        return () -> new S3ObjectReader(signed, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + s3.getAddress().getPort()));
    }

    private static PromptlyEnvironment lambda(String object) {
        return PromptlyEnvironment.from(Map.of("TABLE_NAME", "promptly", PromptlyEnvironment.CONFIG_OBJECT, object,
                PromptlyEnvironment.LAMBDA_FUNCTION_NAME, "promptly-messages"));
    }

    @Test
    void theConfigurationIsReadFromTheS3ObjectWithOneSignedGetObject() throws Exception {
        object = Files.readString(Path.of("..", "config", "promptly.example.json")).replace("literal:", "ssm:/promptly/secrets/")
                .getBytes(StandardCharsets.UTF_8);

        var config = ConfigSource.load(lambda("s3://promptly-config/prod/promptly.json"), NO_SSM, reader());

        assertTrue(config.shop(new ShopDomain("demo-shop.myshopify.com")).isPresent());
        assertEquals(List.of("GET /promptly-config/prod/promptly.json signed"), requests);
    }

    @Test
    void anInvalidObjectFailsTheLoadNamingTheObjectAndEveryProblem() {
        object = "{\"shops\": {}}".getBytes(StandardCharsets.UTF_8);

        var failure = assertThrows(ConfigException.class, () -> ConfigSource.load(lambda("s3://promptly-config/prod/promptly.json"), NO_SSM, reader()));

        assertTrue(failure.getMessage().contains("s3://promptly-config/prod/promptly.json"), failure.getMessage());
        assertTrue(failure.problems().get(0).startsWith("shops: must be an object with at least one shop"), failure.problems().toString());
    }

    @Test
    void aMissingObjectFailsTheInitialisationNamingIt() {
        var failure = assertThrows(IllegalStateException.class, () -> ConfigSource.load(lambda("s3://promptly-config/nope.json"), NO_SSM, reader()));

        assertTrue(failure.getMessage().contains("s3://promptly-config/nope.json could not be read: HTTP 404"), failure.getMessage());
    }

    @Test
    void exactlyOneSourceAndAnS3UriAreRequired() {
        var both = assertThrows(IllegalStateException.class, () -> PromptlyEnvironment.from(Map.of("TABLE_NAME", "promptly",
                PromptlyEnvironment.CONFIG_OBJECT, "s3://b/k", PromptlyEnvironment.CONFIG_PARAMETER, "/promptly/config")));
        var notS3 = assertThrows(IllegalStateException.class, () -> lambda("https://b.s3.amazonaws.com/k"));
        var noKey = assertThrows(IllegalStateException.class, () -> lambda("s3://bucket/"));

        assertTrue(both.getMessage().startsWith("set exactly one of PROMPTLY_CONFIG_PARAMETER"), both.getMessage());
        assertEquals("PROMPTLY_CONFIG_OBJECT must be s3://bucket/key, got 'https://b.s3.amazonaws.com/k'", notS3.getMessage());
        assertEquals("PROMPTLY_CONFIG_OBJECT must be s3://bucket/key, got 's3://bucket/'", noKey.getMessage());
        assertEquals(new ConfigSource.S3Location("bucket", "a/b.json"), ConfigSource.S3Location.parse("s3://bucket/a/b.json"));
    }
}
