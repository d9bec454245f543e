package dev.promptly.aws.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * One SigV4-signed AWS API call, signed by the SDK's own {@link AwsV4HttpSigner} and sent with the
 * function's URL-connection client.
 *
 * <p>Why not the generated SDK clients for SSM, SES v2 and S3: each brings megabytes of model classes
 * (SSM over 5 MB, S3 over 4 MB, SES v2 over 3 MB compressed) to make a single call, and together they
 * would break the 15 MB artifact budget. Endpoint overrides follow the SDK's conventions
 * ({@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}), so LocalStack works the same way.
 * Thread-safe.
 */
public final class SignedHttp {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;

    public SignedHttp(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
    }

    /** An answer: the status and the whole body (AWS answers to these calls are small, except S3 objects we bound). */
    public record Response(int status, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public Region region() {
        return region;
    }

    /**
     * The service's endpoint in this region, unless the environment overrides it as the SDK would.
     * {@code envSuffix} is the service's part of {@code AWS_ENDPOINT_URL_<SUFFIX>}, e.g. {@code SESV2}.
     */
    public URI endpoint(String endpointPrefix, String envSuffix, Map<String, String> env) {
        String override = env.getOrDefault("AWS_ENDPOINT_URL_" + envSuffix, env.get("AWS_ENDPOINT_URL"));
        if (override != null && !override.isBlank()) {
            return URI.create(override.trim());
        }
        String host = standardHost(endpointPrefix, region.id());
        return URI.create("https://" + (host != null ? host : ServiceMetadata.of(endpointPrefix).endpointFor(region)));
    }

    /** The services whose endpoints {@link #standardHost} gives; {@code SignedHttpEndpointTest} checks them against the SDK's metadata. */
    static final Set<String> STANDARD_SERVICES = Set.of("ssm", "sns", "email", "secretsmanager", "s3");
    /** The regions of the {@code aws} and {@code aws-cn} partitions, as the SDK's {@code partitions.json} matches them. */
    private static final Pattern COMMERCIAL = Pattern.compile("(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\\d+");
    private static final Pattern CHINA = Pattern.compile("cn-[a-z]+-\\d+");

    /**
     * The host {@code ServiceMetadata.of(endpointPrefix).endpointFor(region)} gives, for our services in the
     * commercial and China regions; null elsewhere (GovCloud, ISO, sovereign partitions), where the SDK's
     * metadata answers. To answer this {@code ServiceMetadata} loads the metadata of every partition and region
     * (about 150 SDK classes, of them 70 metadata classes, 100-150 ms of a cold start; with the SDK's own
     * {@code GeneratedServiceMetadataProvider}, as on the unshaded class path, all ~300 services' as well), and
     * every function asks for SSM's endpoint while it starts.
     */
    static String standardHost(String endpointPrefix, String region) {
        if (!STANDARD_SERVICES.contains(endpointPrefix)) {
            return null;
        }
        if (endpointPrefix.equals("s3") && region.equals("us-east-1")) {
            return "s3.amazonaws.com"; // S3's legacy global endpoint, which the SDK's metadata keeps for us-east-1
        }
        if (COMMERCIAL.matcher(region).matches()) {
            return endpointPrefix + "." + region + ".amazonaws.com";
        }
        if (CHINA.matcher(region).matches()) {
            return endpointPrefix + "." + region + ".amazonaws.com.cn";
        }
        return null;
    }

    /** Signs and sends a request to {@code uri}; I/O failures are thrown as {@link UncheckedIOException}. */
    public Response call(SdkHttpMethod method, URI uri, Map<String, String> headers, byte[] body, String signingName) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                // S3 signs the path as sent: no second encoding, no dot-segment normalisation.
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !"s3".equals(signingName))
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !"s3".equals(signingName)));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            byte[] bytes = new byte[0];
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    bytes = body(in, response.httpResponse().firstMatchingHeader("Content-Length"));
                }
            }
            return new Response(response.httpResponse().statusCode(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(signingName + " call failed", e);
        }
    }

    /**
     * The whole body. With its length announced it is read straight into one array of that size: a 10 MiB
     * mail read in 8 KiB chunks and joined cost more than parsing it.
     */
    private static byte[] body(InputStream in, Optional<String> contentLength) throws IOException {
        long announced = contentLength.map(SignedHttp::length).orElse(-1L);
        if (announced < 0 || announced > Integer.MAX_VALUE - 8) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[(int) announced];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            throw new IOException("the body ended after " + read + " of its " + bytes.length + " bytes");
        }
        return bytes;
    }

    private static long length(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
