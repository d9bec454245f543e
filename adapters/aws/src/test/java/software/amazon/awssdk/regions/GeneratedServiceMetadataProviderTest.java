package software.amazon.awssdk.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.ImmutableMap;

class GeneratedServiceMetadataProviderTest {
    /** The endpoint prefixes of DynamoDB and of SignedHttp's callers (SsmParameterReader, SesMailTransport...). */
    private static final List<String> PROMPTLY_CALLS = List.of("dynamodb", "ssm", "secretsmanager", "email", "s3", "sns");

    @Test
    void everyServicePromptlyCallsGetsTheMetadataClassTheSdksOwnProviderGives() throws Exception {
        Object sdkProvider = sdkProvider();

        for (String prefix : PROMPTLY_CALLS) {
            Object sdk = sdkProvider.getClass().getMethod("serviceMetadata", String.class).invoke(sdkProvider, prefix);

            assertEquals(sdk.getClass().getName(), ServiceMetadata.of(prefix).getClass().getName(), prefix);
        }
    }

    @Test
    void everyServicePromptlyCallsHasItsRegionalEndpointInEveryPartition() {
        assertEquals(URI.create("ssm.eu-central-1.amazonaws.com"), ServiceMetadata.of("ssm").endpointFor(Region.EU_CENTRAL_1));
        assertEquals(URI.create("dynamodb.cn-north-1.amazonaws.com.cn"), ServiceMetadata.of("dynamodb").endpointFor(Region.CN_NORTH_1));
        assertEquals(URI.create("email.us-gov-west-1.amazonaws.com"), ServiceMetadata.of("email").endpointFor(Region.US_GOV_WEST_1));
        assertEquals(URI.create("sns.eu-central-1.amazonaws.com"), ServiceMetadata.of("sns").endpointFor(Region.EU_CENTRAL_1));
    }

    @Test
    void serviceNoAdapterCallsGetsTheSdksDefaultMetadataInsteadOfLoadingEveryService() {
        var metadata = ServiceMetadata.of("ec2");

        assertEquals("DefaultServiceMetadata", metadata.getClass().getSimpleName());
        assertEquals(URI.create("ec2.eu-central-1.amazonaws.com"), metadata.endpointFor(Region.EU_CENTRAL_1));
    }

    /** The SDK's own GeneratedServiceMetadataProvider, from the SDK's jars without this module's classes. */
    private static Object sdkProvider() throws Exception {
        URL[] jars = Stream.of(ServiceMetadata.class, ImmutableMap.class, ProfileFile.class,
                        software.amazon.awssdk.annotations.SdkPublicApi.class, org.slf4j.Logger.class,
                        software.amazon.awssdk.core.client.config.ClientOption.class)
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                .toArray(URL[]::new);
        var loader = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader());
        return loader.loadClass(GeneratedServiceMetadataProvider.class.getName()).getConstructor().newInstance();
    }
}
