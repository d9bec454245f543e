package dev.promptly.aws.s3;

import dev.promptly.aws.http.SignedHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Reads one S3 object with a signed {@code GetObject} (see {@link SignedHttp} for why not the SDK's S3
 * client). Path-style addressing ({@code endpoint/bucket/key}) so the same code works against a
 * LocalStack endpoint override. Thread-safe.
 */
public final class S3ObjectReader {
    /** SHA-256 of an empty payload: a GET signs no body. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SignedHttp aws;
    private final URI endpoint;

    public S3ObjectReader(SignedHttp aws, Map<String, String> env) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.endpoint = aws.endpoint("s3", "S3", env);
    }

    /**
     * The object's bytes.
     *
     * @throws IllegalStateException naming bucket, key and status when S3 does not return it (the event is retried)
     */
    public byte[] read(String bucket, String key) {
        String path = "/" + bucket + "/" + encodePath(key);
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + path);
        SignedHttp.Response response = aws.call(SdkHttpMethod.GET, uri, Map.of("x-amz-content-sha256", EMPTY_SHA256), null, "s3");
        if (!response.ok()) {
            throw new IllegalStateException("S3 object s3://" + bucket + "/" + key + " could not be read: HTTP " + response.status());
        }
        return response.body();
    }

    static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
