package dev.promptly.dynamodblocal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EmbeddedDynamoDbTest {
    private static final CreateTableRequest TABLE = CreateTableRequest.builder()
            .tableName("things")
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
            .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
            .build();

    @Test
    void storesItemsInMemoryAndResetEmptiesTheTables() {
        try (var db = EmbeddedDynamoDb.inMemory(List.of(TABLE)); var client = db.newClient()) {
            client.putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS("a"))));
            assertEquals(1, client.scan(b -> b.tableName("things")).count());

            db.reset();

            assertEquals(0, client.scan(b -> b.tableName("things")).count());
        }
    }

    @Test
    void persistentInstanceKeepsDataAcrossRestarts(@TempDir Path dir) {
        try (var db = EmbeddedDynamoDb.persistent(dir, List.of(TABLE)); var client = db.newClient()) {
            client.putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS("kept"))));
        }

        try (var db = EmbeddedDynamoDb.persistent(dir, List.of(TABLE)); var client = db.newClient()) {
            var item = client.getItem(b -> b.tableName("things").key(Map.of("id", AttributeValue.fromS("kept"))));
            assertTrue(item.hasItem());
        }
        assertTrue(Files.exists(dir.resolve("shared-local-instance.db")));
    }
}
