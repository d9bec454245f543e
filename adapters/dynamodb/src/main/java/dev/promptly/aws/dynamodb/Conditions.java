package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The write conditions the stores share: an item written once, and an item still at the version read. */
final class Conditions {
    /** The item does not exist yet: a replayed or concurrent write of the same business key fails. */
    static final Expression IS_NEW = Expression.builder().expression("attribute_not_exists(" + PromptlyTable.PK + ")").build();

    private Conditions() {
    }

    /** A transaction's put of {@code item} on {@code condition}. */
    static <T> TransactPutItemEnhancedRequest<T> putIf(Class<T> type, T item, Expression condition) {
        return TransactPutItemEnhancedRequest.builder(type).item(item).conditionExpression(condition).build();
    }

    /** The item's {@code version} is still {@code readVersion}: nobody wrote it since it was read. */
    static Expression versionIs(long readVersion) {
        return Expression.builder().expression("#version = :readVersion").putExpressionName("#version", "version")
                .putExpressionValue(":readVersion", AttributeValue.fromN(Long.toString(readVersion))).build();
    }
}
