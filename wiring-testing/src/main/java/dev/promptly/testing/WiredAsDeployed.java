package dev.promptly.testing;

import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.PromptlyEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Deployment} wired as {@link Deployment#fromEnvironment} wires it (the deployed adapters from the
 * environment variables, through {@link AwsClients}), over an in-memory DynamoDB Local with the example
 * configuration. A function module's test builds its handler from it and primes it: run on that module's
 * own classpath, which holds only the adapters its pom names, a use case needing another adapter fails
 * with {@link NoClassDefFoundError}. Nothing here calls AWS: the adapters are built, never used.
 *
 * <p>Sets the {@code aws.region} system property while open (the signed-call adapters are built for a
 * region) and restores it on {@link #close}. Run from a function module's directory; not thread-safe.
 */
public final class WiredAsDeployed implements AutoCloseable {
    private static final String TABLE = "promptly-wired-as-deployed";
    private static final String REGION = "aws.region";

    private final String previousRegion;
    private final EmbeddedDynamoDb dynamo;
    private final ReadCounter reads = new ReadCounter();
    private final Deployment deployment;

    private WiredAsDeployed(Map<String, String> functionVariables) {
        this.previousRegion = System.setProperty(REGION, "eu-central-1");
        this.dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
        Map<String, String> variables = new HashMap<>(functionVariables);
        variables.put(PromptlyTable.TABLE_NAME_ENV, TABLE);
        variables.put(PromptlyEnvironment.CONFIG_FILE, "unused.json");
        this.deployment = Deployment.builder().awsAdapters(variables, new AwsClients(false))
                .dynamoDb(dynamo.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(reads)).build(), TABLE)
                .config(ConfigParser.parse(exampleConfig(), "example", true))
                .secrets(ref -> ref.name())
                .clock(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC))
                .build();
    }

    /** @param functionVariables the function's own variables from {@code template.yaml} (e.g. {@code INBOUND_MAIL_BUCKET}) */
    public static WiredAsDeployed start(Map<String, String> functionVariables) {
        return new WiredAsDeployed(functionVariables);
    }

    public Deployment deployment() {
        return deployment;
    }

    /** DynamoDB read requests so far. */
    public long readRequests() {
        return reads.requests();
    }

    /** Items in the table now. */
    public int storedItems() {
        return dynamo.newClient().scan(r -> r.tableName(TABLE)).count();
    }

    @Override
    public void close() {
        dynamo.close();
        if (previousRegion == null) {
            System.clearProperty(REGION);
        } else {
            System.setProperty(REGION, previousRegion);
        }
    }

    private static String exampleConfig() {
        Path file = Path.of("..", "..", "config", "promptly.example.json");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("run from a function module's directory: " + file + " cannot be read", e);
        }
    }
}
