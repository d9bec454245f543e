package dev.promptly.wiring;

import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoCsatStore;
import dev.promptly.aws.dynamodb.DynamoHelpdeskLinks;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.aws.dynamodb.DynamoWhatsAppOptOutStore;
import java.util.Objects;

/**
 * The stores several concerns share, over a {@link Deployment}'s table, each built on first use and then once
 * per deployment. Stores of one concern (the exports, delay notices, KPIs) live in that concern's wiring
 * class, so that a function's jar holds only the stores its use cases reach. Thread-safe.
 */
public final class Stores {
    private final Deployment deployment;
    private DynamoOrderStore orders;
    private DynamoConversationStore conversations;
    private DynamoOutboxStore outbox;
    private DynamoSlaStore slas;
    private DynamoHelpdeskLinks helpdeskLinks;
    private DynamoWhatsAppOptOutStore whatsAppOptOuts;
    private DynamoCsatStore surveys;

    private Stores(Deployment deployment) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
    }

    /** The stores of {@code deployment}. */
    public static Stores of(Deployment deployment) {
        Stores stores = deployment.kept(Stores.class);
        return stores != null ? stores : deployment.keep(Stores.class, new Stores(deployment));
    }

    public synchronized DynamoOrderStore orders() {
        if (orders == null) {
            orders = new DynamoOrderStore(deployment.dynamoDb(), deployment.tableName());
        }
        return orders;
    }

    public synchronized DynamoConversationStore conversations() {
        if (conversations == null) {
            conversations = new DynamoConversationStore(deployment.dynamoDb(), deployment.tableName());
        }
        return conversations;
    }

    public synchronized DynamoOutboxStore outbox() {
        if (outbox == null) {
            outbox = new DynamoOutboxStore(deployment.dynamoDb(), deployment.tableName());
        }
        return outbox;
    }

    public synchronized DynamoSlaStore slas() {
        if (slas == null) {
            slas = new DynamoSlaStore(deployment.dynamoDb(), deployment.tableName());
        }
        return slas;
    }

    public synchronized DynamoHelpdeskLinks helpdeskLinks() {
        if (helpdeskLinks == null) {
            helpdeskLinks = new DynamoHelpdeskLinks(deployment.dynamoDb(), deployment.tableName());
        }
        return helpdeskLinks;
    }

    /** Who opted out of automatic WhatsApp messages. */
    public synchronized DynamoWhatsAppOptOutStore whatsAppOptOuts() {
        if (whatsAppOptOuts == null) {
            whatsAppOptOuts = new DynamoWhatsAppOptOutStore(deployment.dynamoDb(), deployment.tableName());
        }
        return whatsAppOptOuts;
    }

    /** The satisfaction surveys and their ratings. */
    public synchronized DynamoCsatStore surveys() {
        if (surveys == null) {
            surveys = new DynamoCsatStore(deployment.dynamoDb(), deployment.tableName());
        }
        return surveys;
    }
}
