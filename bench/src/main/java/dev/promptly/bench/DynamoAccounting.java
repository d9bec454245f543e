package dev.promptly.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts, in the SDK, every DynamoDB operation a handler executes (retries inside one operation are not
 * counted) and, when asked to, requests {@code ReturnConsumedCapacity=TOTAL} on each data-plane
 * request and adds up the read and write units DynamoDB reports back. Failed operations (a refused
 * condition) are counted too, but report no capacity here; DynamoDB bills a refused conditional write
 * as a write (see {@link #failedWrites()}).
 */
final class DynamoAccounting implements ExecutionInterceptor {
    private final boolean askForCapacity;
    private final Map<String, Integer> operations = new TreeMap<>();
    private int failedWrites;
    private double readUnits;
    private double writeUnits;
    private int responsesWithoutCapacity;

    DynamoAccounting(boolean askForCapacity) {
        this.askForCapacity = askForCapacity;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!askForCapacity) {
            return context.request();
        }
        SdkRequest r = context.request();
        var total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof PutItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof GetItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof UpdateItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof DeleteItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof QueryRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof ScanRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof TransactWriteItemsRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof TransactGetItemsRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof BatchWriteItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        if (r instanceof BatchGetItemRequest x) return x.toBuilder().returnConsumedCapacity(total).build();
        return r;
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        operations.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
        SdkResponse r = context.response();
        List<ConsumedCapacity> consumed;
        if (r instanceof PutItemResponse x) consumed = one(x.consumedCapacity());
        else if (r instanceof GetItemResponse x) consumed = one(x.consumedCapacity());
        else if (r instanceof UpdateItemResponse x) consumed = one(x.consumedCapacity());
        else if (r instanceof DeleteItemResponse x) consumed = one(x.consumedCapacity());
        else if (r instanceof QueryResponse x) consumed = one(x.consumedCapacity());
        else if (r instanceof ScanResponse x) consumed = one(x.consumedCapacity());
        else if (r instanceof TransactWriteItemsResponse x) consumed = x.consumedCapacity();
        else if (r instanceof TransactGetItemsResponse x) consumed = x.consumedCapacity();
        else if (r instanceof BatchWriteItemResponse x) consumed = x.consumedCapacity();
        else if (r instanceof BatchGetItemResponse x) consumed = x.consumedCapacity();
        else return;
        if (!askForCapacity) {
            return;
        }
        if (consumed == null || consumed.isEmpty()) {
            responsesWithoutCapacity++;
            return;
        }
        for (ConsumedCapacity c : consumed) {
            boolean split = c.readCapacityUnits() != null || c.writeCapacityUnits() != null;
            if (split) {
                readUnits += c.readCapacityUnits() == null ? 0 : c.readCapacityUnits();
                writeUnits += c.writeCapacityUnits() == null ? 0 : c.writeCapacityUnits();
            } else if (c.capacityUnits() != null) {
                if (isWrite(r)) writeUnits += c.capacityUnits();
                else readUnits += c.capacityUnits();
            }
        }
    }

    @Override
    public synchronized void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        operations.merge(op + " (refused)", 1, Integer::sum);
        if (op != null && (op.startsWith("Put") || op.startsWith("Update") || op.startsWith("Delete") || op.startsWith("TransactWrite")
                || op.startsWith("BatchWrite"))) {
            failedWrites++;
        }
    }

    private static boolean isWrite(SdkResponse r) {
        return r instanceof PutItemResponse || r instanceof UpdateItemResponse || r instanceof DeleteItemResponse
                || r instanceof TransactWriteItemsResponse || r instanceof BatchWriteItemResponse;
    }

    private static List<ConsumedCapacity> one(ConsumedCapacity c) {
        return c == null ? List.of() : List.of(c);
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(new TreeMap<>(operations), failedWrites, readUnits, writeUnits, responsesWithoutCapacity);
    }

    synchronized void reset() {
        operations.clear();
        failedWrites = 0;
        readUnits = 0;
        writeUnits = 0;
        responsesWithoutCapacity = 0;
    }

    record Snapshot(Map<String, Integer> operations, int failedWrites, double readUnits, double writeUnits, int responsesWithoutCapacity) {
        int requests() {
            return operations.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
