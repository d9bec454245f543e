package dev.promptly.core.error;

/** Input that can never succeed as sent: a missing or malformed field. Maps to 400. */
public final class InvalidInputException extends PromptlyException {
    private final String field;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
