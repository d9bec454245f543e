package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.HelpdeskLinks;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@link HelpdeskLinks} in {@link PromptlyTable}: the two link items ({@link HelpdeskLinkItem}) written
 * together, once; markers ({@link HelpdeskMarkerItem}) and helpdesk outbox records written with
 * {@code attribute_not_exists}. Thread-safe.
 */
public final class DynamoHelpdeskLinks implements HelpdeskLinks {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<HelpdeskLinkItem> links;
    private final DynamoDbTable<HelpdeskLinkChangeItem> changes;
    private final DynamoDbTable<HelpdeskMarkerItem> markers;
    private final DynamoDbTable<OutboxItem> outbox;

    public DynamoHelpdeskLinks(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tableName, "tableName");
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.links = enhanced.table(tableName, DeferredSchema.of(() -> HelpdeskLinkItem.SCHEMA));
        this.changes = enhanced.table(tableName, DeferredSchema.of(() -> HelpdeskLinkChangeItem.SCHEMA));
        this.markers = enhanced.table(tableName, DeferredSchema.of(() -> HelpdeskMarkerItem.SCHEMA));
        this.outbox = enhanced.table(tableName, DeferredSchema.of(() -> OutboxItem.SCHEMA));
    }

    @Override
    public Optional<Link> byTicket(ShopDomain shop, Vendor vendor, String ticketId) {
        return get(shop, ticketKey(vendor, ticketId)).map(item -> link(shop, item));
    }

    @Override
    public Optional<Link> byConversation(ShopDomain shop, ConversationId conversation) {
        return get(shop, HelpdeskLinkItem.CONVERSATION_PREFIX + conversation.value()).map(item -> link(shop, item));
    }

    @Override
    public boolean link(Link link, long expiresAt) {
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(links, Conditions.putIf(HelpdeskLinkItem.class, item(link, ticketKey(link.vendor(), link.ticketId()), expiresAt),
                            Conditions.IS_NEW))
                    .addPutItem(links, item(link, HelpdeskLinkItem.CONVERSATION_PREFIX + link.conversation().value(), expiresAt))
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void advance(Link link, Instant at) {
        String sortable = PromptlyTable.sortable(at);
        try {
            changes.updateItem(UpdateItemEnhancedRequest.builder(HelpdeskLinkChangeItem.class)
                    .item(new HelpdeskLinkChangeItem(link.shop().value(), ticketKey(link.vendor(), link.ticketId()), sortable))
                    .ignoreNulls(true)
                    .conditionExpression(Expression.builder().expression("attribute_exists(#pk) AND #at < :at")
                            .putExpressionName("#pk", PromptlyTable.PK).putExpressionName("#at", "lastChangeAt")
                            .putExpressionValue(":at", AttributeValue.fromS(sortable)).build())
                    .build());
        } catch (ConditionalCheckFailedException alreadyNewer) {
            // A newer state was applied first: the link keeps it.
        }
    }

    @Override
    public boolean claim(ShopDomain shop, String key, Instant at, long expiresAt) {
        return putNew(markers, HelpdeskMarkerItem.class, new HelpdeskMarkerItem(shop.value(), HelpdeskMarkerItem.PREFIX + key, at.toString(), expiresAt));
    }

    @Override
    public void release(ShopDomain shop, String key) {
        markers.deleteItem(Key.builder().partitionValue(shop.value()).sortValue(HelpdeskMarkerItem.PREFIX + key).build());
    }

    @Override
    public boolean queue(OutboxMessage message, long expiresAt) {
        return putNew(outbox, OutboxItem.class, OutboxItems.item(message, expiresAt));
    }

    private static <T> boolean putNew(DynamoDbTable<T> table, Class<T> type, T item) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(type).item(item).conditionExpression(Conditions.IS_NEW).build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    private Optional<HelpdeskLinkItem> get(ShopDomain shop, String sk) {
        return Optional.ofNullable(links.getItem(r -> r.key(Key.builder().partitionValue(shop.value()).sortValue(sk).build()).consistentRead(true)));
    }

    private static Link link(ShopDomain shop, HelpdeskLinkItem item) {
        return new Link(shop, Vendor.fromWire(item.vendor()).orElseThrow(), item.ticketId(), new ConversationId(item.conversationId()),
                item.openingMessageId(), Instant.parse(item.lastChangeAt()));
    }

    private static HelpdeskLinkItem item(Link link, String sk, long expiresAt) {
        return new HelpdeskLinkItem(link.shop().value(), sk, link.vendor().wire(), link.ticketId(), link.conversation().value(),
                link.openingMessageId(), PromptlyTable.sortable(link.lastChangeAt()), expiresAt);
    }

    private static String ticketKey(Vendor vendor, String ticketId) {
        return HelpdeskLinkItem.TICKET_PREFIX + vendor.wire() + "#" + ticketId;
    }
}
