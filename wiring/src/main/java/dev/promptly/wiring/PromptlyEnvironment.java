package dev.promptly.wiring;

import dev.promptly.aws.dynamodb.PromptlyTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The environment variables a function reads, read once and validated. {@link #REQUIRED} and
 * {@link #OPTIONAL} are the complete list: a test checks that {@code template.yaml} declares them.
 * Endpoint overrides ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_DYNAMODB}, …) and the region are
 * read by the AWS SDK itself.
 */
public record PromptlyEnvironment(String tableName, String configParameter, String configFile, boolean inLambda, String configObject) {
    public static final String CONFIG_PARAMETER = "PROMPTLY_CONFIG_PARAMETER";
    public static final String CONFIG_FILE = "PROMPTLY_CONFIG_FILE";
    /** The configuration as an S3 object, {@code s3://bucket/key}: no size limit but the function's memory. */
    public static final String CONFIG_OBJECT = "PROMPTLY_CONFIG_OBJECT";
    /** Set by the Lambda runtime; its presence means we run deployed. */
    public static final String LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    /** The inbound-email function: where the SES receipt rule stores raw mail (bucket, and key prefix before the SES message id). */
    public static final String INBOUND_MAIL_BUCKET = "INBOUND_MAIL_BUCKET";
    public static final String INBOUND_MAIL_PREFIX = "INBOUND_MAIL_PREFIX";
    /** The outbox sender: SMTP relay instead of SES when set, and an optional SES configuration set. */
    public static final String SMTP_HOST = "SMTP_HOST";
    public static final String SMTP_PORT = "SMTP_PORT";
    public static final String SES_CONFIGURATION_SET = "SES_CONFIGURATION_SET";

    /** Besides these, exactly one configuration source: {@link #CONFIG_PARAMETER}, {@link #CONFIG_OBJECT} or {@link #CONFIG_FILE}. */
    public static final List<String> REQUIRED = List.of(PromptlyTable.TABLE_NAME_ENV);
    /** The CloudWatch namespace of the business metrics, read by {@link dev.promptly.log.JsonLog#toStdout}. */
    public static final String METRICS_NAMESPACE = dev.promptly.log.JsonLog.METRICS_NAMESPACE_ENV;

    public static final List<String> OPTIONAL = List.of(CONFIG_FILE, INBOUND_MAIL_BUCKET, INBOUND_MAIL_PREFIX, SMTP_HOST, SMTP_PORT,
            SES_CONFIGURATION_SET, METRICS_NAMESPACE, CONFIG_PARAMETER, CONFIG_OBJECT);
    /** The configuration sources, of which exactly one is set. */
    public static final List<String> CONFIG_SOURCES = List.of(CONFIG_PARAMETER, CONFIG_OBJECT, CONFIG_FILE);

    /** Where the configuration comes from, as before the S3 object existed. */
    public PromptlyEnvironment(String tableName, String configParameter, String configFile, boolean inLambda) {
        this(tableName, configParameter, configFile, inLambda, null);
    }

    public PromptlyEnvironment {
        Objects.requireNonNull(tableName, "tableName");
    }

    /** @throws IllegalStateException naming each missing or conflicting variable */
    public static PromptlyEnvironment from(Map<String, String> env) {
        String table = blankToNull(env.get(PromptlyTable.TABLE_NAME_ENV));
        String parameter = blankToNull(env.get(CONFIG_PARAMETER));
        String file = blankToNull(env.get(CONFIG_FILE));
        String object = blankToNull(env.get(CONFIG_OBJECT));
        if (table == null) {
            throw new IllegalStateException(PromptlyTable.TABLE_NAME_ENV + " must name the DynamoDB table");
        }
        if ((parameter != null ? 1 : 0) + (file != null ? 1 : 0) + (object != null ? 1 : 0) != 1) {
            throw new IllegalStateException("set exactly one of " + CONFIG_PARAMETER + " (an SSM parameter holding the JSON configuration), "
                    + CONFIG_OBJECT + " (an S3 object holding it, s3://bucket/key) or " + CONFIG_FILE + " (a path to it)");
        }
        if (object != null) {
            ConfigSource.S3Location.parse(object);
        }
        return new PromptlyEnvironment(table, parameter, file, env.containsKey(LAMBDA_FUNCTION_NAME), object);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
