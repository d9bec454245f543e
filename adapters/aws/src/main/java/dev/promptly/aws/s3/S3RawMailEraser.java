package dev.promptly.aws.s3;

import dev.promptly.app.compliance.RawMailEraser;
import java.util.Objects;

/**
 * Deletes raw customer mail from the bucket the SES receipt rule stores it in, at
 * {@code <prefix><SES message id>} (the rule's {@code ObjectKeyPrefix}, the same {@code INBOUND_MAIL_BUCKET}
 * and {@code INBOUND_MAIL_PREFIX} the inbound-email function reads with). Thread-safe.
 */
public final class S3RawMailEraser implements RawMailEraser {
    private final S3ObjectDeleter s3;
    private final String bucket;
    private final String prefix;

    public S3RawMailEraser(S3ObjectDeleter s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public void erase(String sesMessageId) {
        // SES message ids are letters, digits and dashes (checked by SesNotification); never a path of their own.
        if (sesMessageId == null || !sesMessageId.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("not an SES message id");
        }
        s3.delete(bucket, prefix + sesMessageId);
    }
}
