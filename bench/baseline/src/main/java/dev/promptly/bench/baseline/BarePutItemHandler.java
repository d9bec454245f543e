package dev.promptly.bench.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The least a DynamoDB-backed Java function can do: build the client the way {@code AwsClients} does
 * outside Lambda (URL-connection HTTP client, default credentials provider, region from the
 * environment; the endpoint from {@code AWS_ENDPOINT_URL_DYNAMODB}), then one raw {@code PutItem} per
 * invocation into {@code TABLE_NAME}. It reads its input and writes a fixed answer.
 */
public final class BarePutItemHandler implements RequestStreamHandler {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public BarePutItemHandler() {
        this.table = System.getenv("TABLE_NAME");
        this.dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(new DefaultAwsRegionProviderChain().getRegion())
                .build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("baseline"),
                "sk", AttributeValue.fromS("PUT#" + System.nanoTime()),
                "bytes", AttributeValue.fromN(Integer.toString(event.length)))));
        output.write("{\"written\":1}".getBytes(StandardCharsets.UTF_8));
    }
}
