package dev.promptly.aws.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

class SignedHttpEndpointTest {

    @Test
    void everyEndpointIsTheOneTheSdksMetadataGivesInEveryRegionItKnows() {
        int fromTheRule = 0;
        for (Region region : Region.regions()) {
            for (String service : SignedHttp.STANDARD_SERVICES) {
                // given the SDK's answer
                URI sdk = URI.create("https://" + ServiceMetadata.of(service).endpointFor(region));

                // when SignedHttp resolves the same service and region
                URI ours = signedHttp(region).endpoint(service, "UNSET_IN_THIS_TEST", Map.of());

                // then both are one host
                assertEquals(sdk, ours, service + " in " + region.id());
                fromTheRule += SignedHttp.standardHost(service, region.id()) != null ? 1 : 0;
            }
        }
        assertTrue(fromTheRule > 100, "the rule answered " + fromTheRule + " cases, not the commercial regions");
    }

    @Test
    void commercialAndChinaRegionsAreAnsweredWithoutTheSdksMetadata() {
        assertEquals("ssm.eu-central-1.amazonaws.com", SignedHttp.standardHost("ssm", "eu-central-1"));
        assertEquals("s3.amazonaws.com", SignedHttp.standardHost("s3", "us-east-1"));
        assertEquals("email.cn-north-1.amazonaws.com.cn", SignedHttp.standardHost("email", "cn-north-1"));
        assertNotNull(SignedHttp.standardHost("sns", "mx-central-1"));
    }

    @Test
    void otherPartitionsAndServicesAreLeftToTheSdksMetadata() {
        assertNull(SignedHttp.standardHost("ssm", "us-gov-west-1"));
        assertNull(SignedHttp.standardHost("ssm", "eusc-de-east-1"));
        assertNull(SignedHttp.standardHost("s3", "aws-global"));
        assertNull(SignedHttp.standardHost("sqs", "eu-central-1"));
    }

    @Test
    void anEndpointOverrideOfTheServiceWinsOverTheGeneralOneAndTheRegion() {
        var env = Map.of("AWS_ENDPOINT_URL_SSM", "http://localhost:4566/", "AWS_ENDPOINT_URL", "http://elsewhere:1");

        URI endpoint = signedHttp(Region.EU_CENTRAL_1).endpoint("ssm", "SSM", env);

        assertEquals(URI.create("http://localhost:4566/"), endpoint);
    }

    private static SignedHttp signedHttp(Region region) {
        return new SignedHttp(new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                throw new AssertionError("no call is made");
            }

            @Override
            public void close() {
            }
        }, AnonymousCredentialsProvider.create(), region);
    }
}
