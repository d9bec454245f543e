package dev.promptly.aws.s3;

import dev.promptly.aws.http.SignedHttp;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Deletes one S3 object with a signed {@code DeleteObject} ({@code DELETE /bucket/key}, path-style like
 * {@link S3ObjectReader}; see {@link SignedHttp} for why not the SDK's S3 client). S3 answers
 * {@code 204 No Content}, also when the key does not exist (unversioned bucket), so a repeated deletion
 * succeeds: https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html. Thread-safe.
 */
public final class S3ObjectDeleter {
    /** SHA-256 of an empty payload: a DELETE signs no body. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SignedHttp aws;
    private final URI endpoint;

    public S3ObjectDeleter(SignedHttp aws, Map<String, String> env) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.endpoint = aws.endpoint("s3", "S3", env);
    }

    /** @throws IllegalStateException naming bucket, key and status when S3 refuses (the caller's event is retried) */
    public void delete(String bucket, String key) {
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + bucket + "/" + S3ObjectReader.encodePath(key));
        SignedHttp.Response response = aws.call(SdkHttpMethod.DELETE, uri, Map.of("x-amz-content-sha256", EMPTY_SHA256), null, "s3");
        if (!response.ok()) {
            throw new IllegalStateException("S3 object s3://" + bucket + "/" + key + " could not be deleted: HTTP " + response.status());
        }
    }
}
