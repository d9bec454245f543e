package dev.promptly.aws.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
        return URI.create("https://" + ServiceMetadata.of(endpointPrefix).endpointFor(region));
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
