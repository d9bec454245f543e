package software.amazon.awssdk.regions;

import software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.EmailServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.EnhancedS3ServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.SecretsmanagerServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.SnsServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.SsmServiceMetadata;

/**
 * Promptly's replacement, in the function jars, for the SDK class of the same name (module {@code regions}): the
 * SDK's builds a map of all ~300 services' endpoint metadata on first use (one class each, 0.7 MB compressed, all
 * loaded at once), and {@code ServiceMetadata.of} reaches it from every function (SignedHttp's endpoints, the
 * DynamoDB client's default endpoint). This one answers with the SDK's own generated metadata for the services
 * Promptly calls (the same class for each prefix as the SDK's map) and nothing else; for any other endpoint prefix {@code ServiceMetadata.of} falls back, as it does
 * for a service the SDK does not know, to {@code DefaultServiceMetadata} ({@code <prefix>.<region>.<partition DNS
 * suffix>}). The function poms drop the SDK's copy in their shade filter, so shading's minimizeJar leaves out the
 * other services' classes; on an unshaded class path (tests, the local runner) either copy may load, with the
 * same answers for these services. Add a service here when an adapter starts calling it.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {
    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return switch (endpointPrefix) {
            case "dynamodb" -> new DynamodbServiceMetadata();
            case "ssm" -> new SsmServiceMetadata();
            case "secretsmanager" -> new SecretsmanagerServiceMetadata();
            case "email" -> new EmailServiceMetadata(); // SES v2
            case "s3" -> new EnhancedS3ServiceMetadata(); // as the SDK: us-east-1's regional or global endpoint by setting
            case "sns" -> new SnsServiceMetadata();
            default -> null;
        };
    }
}
