package dev.promptly.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * DynamoDB Local (Maven Central {@code com.amazonaws:DynamoDBLocal}) running inside this JVM, listening
 * on a free loopback port, for tests and the local runner. It speaks the real DynamoDB wire protocol, so
 * the code under test uses the same SDK client and requests it uses against AWS.
 *
 * <p>Thread-safe once started. Tables are created from definitions the caller passes in, so this module
 * knows nothing of Promptly's schema.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final List<CreateTableRequest> tables;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, URI endpoint, List<CreateTableRequest> tables) {
        this.server = server;
        this.endpoint = endpoint;
        this.tables = List.copyOf(tables);
    }

    /** Starts an in-memory instance and creates the given tables. */
    public static EmbeddedDynamoDb inMemory(List<CreateTableRequest> tables) {
        return start(null, tables);
    }

    /**
     * Starts an instance that keeps its data in {@code dataDir} across restarts and creates the given
     * tables when they do not exist yet.
     */
    public static EmbeddedDynamoDb persistent(Path dataDir, List<CreateTableRequest> tables) {
        return start(Objects.requireNonNull(dataDir, "dataDir"), tables);
    }

    private static EmbeddedDynamoDb start(Path dataDir, List<CreateTableRequest> tables) {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            var db = new EmbeddedDynamoDb(server, URI.create("http://127.0.0.1:" + port), tables);
            db.createMissingTables();
            return db;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    /** The HTTP endpoint, for {@code AWS_ENDPOINT_URL_DYNAMODB} or an SDK endpoint override. */
    public URI endpoint() {
        return endpoint;
    }

    /** A new client for this instance; the caller closes it. */
    public DynamoDbClient newClient() {
        return clientBuilder().build();
    }

    /** A client builder already pointed at this instance, for callers that add interceptors or settings. */
    public DynamoDbClientBuilder clientBuilder() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_CENTRAL_1)
                // DynamoDB Local accepts any credentials; these are placeholders, not secrets.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    /** Drops and recreates every table: all state is gone afterwards. */
    public void reset() {
        try (DynamoDbClient client = newClient()) {
            for (CreateTableRequest table : tables) {
                client.deleteTable(DeleteTableRequest.builder().tableName(table.tableName()).build());
                client.createTable(table);
            }
        }
    }

    private void createMissingTables() {
        try (DynamoDbClient client = newClient()) {
            for (CreateTableRequest table : tables) {
                try {
                    client.createTable(table);
                } catch (ResourceInUseException alreadyThere) {
                    // A persistent data directory keeps its tables across restarts.
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port for DynamoDB Local", e);
        }
    }
}
