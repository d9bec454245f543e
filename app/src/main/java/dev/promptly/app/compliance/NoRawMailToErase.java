package dev.promptly.app.compliance;

/**
 * The {@link RawMailEraser} of the local runner and of tests without S3: nothing receives mail through
 * SES there, so no raw copy was ever stored and there is nothing to delete. Never used deployed, where
 * {@code S3RawMailEraser} deletes from the inbound-mail bucket.
 */
public final class NoRawMailToErase implements RawMailEraser {
    @Override
    public void erase(String sesMessageId) {
        // Nothing stored: see the class comment.
    }
}
