package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.HelpdeskLinks;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@link HelpdeskLinks} in {@link PromptlyTable}: the two link items ({@link HelpdeskLinkItem}) written
 * together, once; markers ({@link HelpdeskMarkerItem}) and helpdesk outbox records written with
 * {@code attribute_not_exists}. Thread-safe.
 */
public final class DynamoHelpdeskLinks implements HelpdeskLinks {
    private static final String NEW = "attribute_not_exists(" + PromptlyTable.PK + ")";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoHelpdeskLinks(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
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
        var byTicket = item(link, ticketKey(link.vendor(), link.ticketId()), expiresAt);
        var byConversation = item(link, HelpdeskLinkItem.CONVERSATION_PREFIX + link.conversation().value(), expiresAt);
        try {
            client.transactWriteItems(t -> t.transactItems(
                    put(HelpdeskLinkItem.SCHEMA.itemToMap(byTicket, true)),
                    TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                            .item(HelpdeskLinkItem.SCHEMA.itemToMap(byConversation, true)).build()).build()));
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
            client.updateItem(u -> u.tableName(tableName).key(key(link.shop(), ticketKey(link.vendor(), link.ticketId())))
                    .updateExpression("SET lastChangeAt = :at")
                    .conditionExpression("attribute_exists(" + PromptlyTable.PK + ") AND lastChangeAt < :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(sortable))));
        } catch (ConditionalCheckFailedException alreadyNewer) {
            // A newer state was applied first: the link keeps it.
        }
    }

    @Override
    public boolean claim(ShopDomain shop, String key, Instant at, long expiresAt) {
        var marker = new HelpdeskMarkerItem(shop.value(), HelpdeskMarkerItem.PREFIX + key, at.toString(), expiresAt);
        return putNew(HelpdeskMarkerItem.SCHEMA.itemToMap(marker, true));
    }

    @Override
    public void release(ShopDomain shop, String key) {
        client.deleteItem(d -> d.tableName(tableName).key(key(shop, HelpdeskMarkerItem.PREFIX + key)));
    }

    @Override
    public boolean queue(OutboxMessage message, long expiresAt) {
        return putNew(OutboxItems.toItem(message, expiresAt));
    }

    private boolean putNew(Map<String, AttributeValue> item) {
        try {
            client.putItem(p -> p.tableName(tableName).item(item).conditionExpression(NEW));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item).conditionExpression(NEW).build()).build();
    }

    private Optional<HelpdeskLinkItem> get(ShopDomain shop, String sk) {
        var item = client.getItem(g -> g.tableName(tableName).key(key(shop, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(HelpdeskLinkItem.SCHEMA.mapToItem(item));
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

    private static Map<String, AttributeValue> key(ShopDomain shop, String sk) {
        return Map.of(PromptlyTable.PK, AttributeValue.fromS(shop.value()), PromptlyTable.SK, AttributeValue.fromS(sk));
    }
}
