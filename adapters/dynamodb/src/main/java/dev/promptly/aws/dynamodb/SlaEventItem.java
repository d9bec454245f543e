package dev.promptly.aws.dynamodb;

import java.math.BigDecimal;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One entry of a conversation's SLA event log ({@code SLAEVT#<conversation>#<at>#<suffix>}, sorted by time):
 * its type and time, and the facts the SLA policies match on (priority, tags, order value, customer tags).
 */
public record SlaEventItem(String pk, String sk, String type, String at, String priority, List<String> tags, BigDecimal orderValue,
                           List<String> customerTags, Long expiresAt) implements TableItem {

    public static final TableSchema<SlaEventItem> SCHEMA = ItemSchema.keyed(SlaEventItem.class, v -> new SlaEventItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("type"), v.get("at"), v.get("priority"), v.get("tags"),
                    v.get("orderValue"), v.get("customerTags"), v.get(PromptlyTable.TTL)))
            .add(String.class, "type", SlaEventItem::type)
            .add(String.class, "at", SlaEventItem::at)
            .add(String.class, "priority", SlaEventItem::priority)
            .add(DigestLineItem.STRINGS, "tags", SlaEventItem::tags)
            .add(EnhancedType.of(BigDecimal.class), "orderValue", SlaEventItem::orderValue, new PlainDecimal())
            .add(DigestLineItem.STRINGS, "customerTags", SlaEventItem::customerTags)
            .add(Long.class, PromptlyTable.TTL, SlaEventItem::expiresAt)
            .build();

    /**
     * A decimal as a number in plain notation ({@link BigDecimal#toPlainString()}), as it has always been
     * stored; the SDK's converter writes {@link BigDecimal#toString()}, which may use an exponent.
     */
    static final class PlainDecimal implements AttributeConverter<BigDecimal> {
        @Override
        public AttributeValue transformFrom(BigDecimal input) {
            return AttributeValue.fromN(input.toPlainString());
        }

        @Override
        public BigDecimal transformTo(AttributeValue input) {
            return new BigDecimal(input.n());
        }

        @Override
        public EnhancedType<BigDecimal> type() {
            return EnhancedType.of(BigDecimal.class);
        }

        @Override
        public AttributeValueType attributeValueType() {
            return AttributeValueType.N;
        }
    }
}
