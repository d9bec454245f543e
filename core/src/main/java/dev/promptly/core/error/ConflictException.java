package dev.promptly.core.error;

/** A request that is valid in itself but not in the resource's current state (solving a solved conversation). Maps to 409. */
public final class ConflictException extends PromptlyException {
    public ConflictException(String message) {
        super(message);
    }
}
