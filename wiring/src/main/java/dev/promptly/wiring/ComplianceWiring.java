package dev.promptly.wiring;

import dev.promptly.app.compliance.DataExportLookup;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;

/** The customer data exports: the lookup the data-export function serves, and their store. */
public final class ComplianceWiring {
    private ComplianceWiring() {
    }

    /** {@code GET /data-requests/{id}}: the exports only. */
    public static DataExportLookup dataExportLookup(Deployment d) {
        return new DataExportLookup(d.config(), d.secrets(), exports(d), d.clock());
    }

    /** The exports Shopify's {@code customers/data_request} starts (built once per deployment). */
    public static DynamoDataExportStore exports(Deployment d) {
        DynamoDataExportStore exports = d.kept(DynamoDataExportStore.class);
        return exports != null ? exports : d.keep(DynamoDataExportStore.class, new DynamoDataExportStore(d.dynamoDb(), d.tableName()));
    }
}
