package dev.promptly.app.compliance;

/**
 * Deletes the raw copy of a received mail (its MIME as SES stored it), named by the SES message id it was
 * stored under. A redaction calls it for every mail of the customer before it deletes the records that
 * name those ids, so a failed deletion is retried with the redelivered webhook. Deleting a copy that is
 * already gone succeeds. Implementations are thread-safe.
 */
public interface RawMailEraser {
    /** @throws IllegalStateException when the store refuses (the webhook fails and is redelivered) */
    void erase(String sesMessageId);
}
