package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.CsatSurveyStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Satisfaction surveys as {@link CsatItem}s, one per conversation: queued in one transaction with the survey's
 * outbox record, the customer's {@link CsatMarkerItem} and the reply budgets' counters; then the rating and the
 * comment, each a conditional update, so the first click wins and a comment is stored once. Thread-safe.
 */
public final class DynamoCsatStore implements CsatSurveyStore {
    /** Attempts of a survey's transaction that DynamoDB cancelled for a concurrent transaction on the same items. */
    private static final int CONFLICT_ATTEMPTS = 3;
    private static final String QUEUEABLE = "attribute_not_exists(" + PromptlyTable.PK + ") OR (attribute_not_exists(rating)"
            + " AND surveyDueAt > :now AND solvedAt <> :solvedAt)";

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<CsatItem> items;
    private final DynamoDbTable<OutboxItem> outbox;
    private final DynamoDbTable<CsatMarkerItem> markers;
    private final DynamoDbTable<BudgetCounterItem> counters;

    public DynamoCsatStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(Objects.requireNonNull(client, "client")).build();
        this.items = enhanced.table(tableName, DeferredSchema.of(() -> CsatItem.SCHEMA));
        this.outbox = enhanced.table(tableName, DeferredSchema.of(() -> OutboxItem.SCHEMA));
        this.markers = enhanced.table(tableName, DeferredSchema.of(() -> CsatMarkerItem.SCHEMA));
        this.counters = enhanced.table(tableName, DeferredSchema.of(() -> BudgetCounterItem.SCHEMA));
    }

    @Override
    public Optional<CsatOutcome> outcome(ShopDomain shop, ConversationId conversation) {
        CsatItem item = items.getItem(r -> r.key(key(shop, conversation)).consistentRead(true));
        if (item == null || item.surveySentAt() == null) {
            return Optional.empty();
        }
        return Optional.of(new CsatOutcome(Instant.parse(item.surveySentAt()),
                item.rating() == null ? OptionalInt.empty() : OptionalInt.of(item.rating()),
                Optional.ofNullable(item.ratedAt()).map(Instant::parse), Optional.ofNullable(item.comment())));
    }

    @Override
    public QueueResult queue(SurveyRecord survey, Instant now) {
        for (int attempt = 1; ; attempt++) {
            List<QueueResult> onFailure = new ArrayList<>();
            TransactWriteItemsEnhancedRequest request = writes(survey, now, onFailure);
            try {
                enhanced.transactWriteItems(request);
                return QueueResult.QUEUED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                for (int i = 0; i < reasons.size() && i < onFailure.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        return onFailure.get(i);
                    }
                }
                // Cancelled for a concurrent transaction (the same solve twice at once): the retry finds its survey.
                if (attempt >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private TransactWriteItemsEnhancedRequest writes(SurveyRecord survey, Instant now, List<QueueResult> onFailure) {
        ShopDomain shop = survey.shop();
        var writes = TransactWriteItemsEnhancedRequest.builder();
        Instant due = survey.outbox().notBefore() == null ? now : survey.outbox().notBefore();
        // A survey waiting for an earlier solve (the reopen withdrew its mail) is replaced; one due or rated stays.
        writes.addPutItem(items, Conditions.putIf(CsatItem.class, new CsatItem(shop.value(), CsatItem.sk(survey.conversation()),
                survey.conversation().value(), now.toString(), null, null, null, survey.expiresAt(),
                PromptlyTable.sortable(survey.solvedAt()), PromptlyTable.sortable(due)), Expression.builder().expression(QUEUEABLE)
                .putExpressionValue(":now", AttributeValue.fromS(PromptlyTable.sortable(now)))
                .putExpressionValue(":solvedAt", AttributeValue.fromS(PromptlyTable.sortable(survey.solvedAt()))).build()));
        onFailure.add(QueueResult.ALREADY_QUEUED);
        writes.addPutItem(outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(survey.outbox(), survey.expiresAt()), Conditions.IS_NEW));
        onFailure.add(QueueResult.ALREADY_QUEUED);
        survey.markerUntil().ifPresent(until -> {
            // TTL deletes expired items only eventually, so an expired marker counts as none.
            writes.addPutItem(markers, Conditions.putIf(CsatMarkerItem.class, new CsatMarkerItem(shop.value(),
                    CsatMarkerItem.sk(survey.customerKey()), survey.conversation().value(), until.getEpochSecond()), Expression.builder()
                    .expression("attribute_not_exists(" + PromptlyTable.PK + ") OR #ttl <= :nowEpoch OR conversationId = :conversation")
                    .putExpressionName("#ttl", PromptlyTable.TTL)
                    .putExpressionValue(":nowEpoch", AttributeValue.fromN(Long.toString(now.getEpochSecond())))
                    .putExpressionValue(":conversation", AttributeValue.fromS(survey.conversation().value())).build()));
            onFailure.add(QueueResult.RECENTLY_SURVEYED);
        });
        var budget = survey.budget();
        long counterTtl = budget.at().plusSeconds(2 * 86_400).getEpochSecond();
        DynamoConversationStore.count(counters, writes, shop, DynamoConversationStore.senderBudgetKey(budget.senderIdentity(), budget.at()),
                budget.perSenderPerDay(), counterTtl);
        onFailure.add(QueueResult.SENDER_BUDGET_EXHAUSTED);
        DynamoConversationStore.count(counters, writes, shop, DynamoConversationStore.shopBudgetKey(budget.at()), budget.perShopPerHour(),
                counterTtl);
        onFailure.add(QueueResult.SHOP_BUDGET_EXHAUSTED);
        return writes.build();
    }

    @Override
    public boolean withdraw(ShopDomain shop, ConversationId conversation, Instant now) {
        try {
            items.deleteItem(DeleteItemEnhancedRequest.builder().key(key(shop, conversation)).conditionExpression(Expression.builder()
                    .expression("attribute_not_exists(rating) AND surveyDueAt > :now")
                    .putExpressionValue(":now", AttributeValue.fromS(PromptlyTable.sortable(now))).build()).build());
            return true;
        } catch (ConditionalCheckFailedException noneWaiting) {
            return false;
        }
    }

    @Override
    public Optional<Instant> surveyedSolve(ShopDomain shop, ConversationId conversation) {
        CsatItem item = items.getItem(r -> r.key(key(shop, conversation)).consistentRead(true));
        return Optional.ofNullable(item).map(CsatItem::solvedAt).map(Instant::parse);
    }

    @Override
    public RateResult rate(ShopDomain shop, ConversationId conversation, int rating, Instant at) {
        try {
            // ignoreNulls: only the rating and its time are set; the survey's other attributes stay.
            items.updateItem(UpdateItemEnhancedRequest.builder(CsatItem.class).ignoreNulls(true)
                    .item(new CsatItem(shop.value(), CsatItem.sk(conversation), null, null, rating, at.toString(), null, null, null, null))
                    .conditionExpression(Expression.builder().expression("attribute_exists(surveySentAt) AND attribute_not_exists(rating)")
                            .build()).build());
            return RateResult.RECORDED;
        } catch (ConditionalCheckFailedException notNow) {
            return outcome(shop, conversation).filter(o -> o.rating().isPresent()).isPresent() ? RateResult.ALREADY_RATED : RateResult.NO_SURVEY;
        }
    }

    @Override
    public CommentResult comment(ShopDomain shop, ConversationId conversation, String comment) {
        try {
            // COMMENT is a DynamoDB reserved word, hence the name placeholder.
            items.updateItem(UpdateItemEnhancedRequest.builder(CsatItem.class).ignoreNulls(true)
                    .item(new CsatItem(shop.value(), CsatItem.sk(conversation), null, null, null, null, comment, null, null, null))
                    .conditionExpression(Expression.builder().expression("attribute_exists(rating) AND attribute_not_exists(#comment)")
                            .putExpressionName("#comment", "comment").build()).build());
            return CommentResult.RECORDED;
        } catch (ConditionalCheckFailedException notNow) {
            return outcome(shop, conversation).filter(o -> o.rating().isPresent()).isPresent()
                    ? CommentResult.ALREADY_COMMENTED : CommentResult.NOT_RATED;
        }
    }

    private static Key key(ShopDomain shop, ConversationId conversation) {
        return Key.builder().partitionValue(shop.value()).sortValue(CsatItem.sk(conversation)).build();
    }
}
