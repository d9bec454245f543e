package dev.promptly.core.reply;

/**
 * A template needs a value the data does not have. The message is not sent at all: a reply with a gap
 * ("Your tracking link: ") is worse than none. The message names the template and the variable only.
 */
public final class MissingTemplateValueException extends RuntimeException {
    private final String variable;

    public MissingTemplateValueException(String template, String variable, Throwable cause) {
        super(template + " needs \"" + variable + "\"", cause);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
