package dev.promptly.core.wismo;

/**
 * A shop's extra WISMO or negative phrase that cannot be read, with where it is, so configuration
 * validation can name the exact setting ({@code wismo.extra_phrases.de[2]}).
 */
public final class InvalidPhraseException extends IllegalArgumentException {
    private final String language;
    private final boolean positive;
    private final int index;
    private final String reason;

    public InvalidPhraseException(String language, boolean positive, int index, String reason) {
        super((positive ? "extra" : "negative") + " phrase " + index + " of '" + language + "': " + reason);
        this.language = language;
        this.positive = positive;
        this.index = index;
        this.reason = reason;
    }

    /** The language the phrase was given for. */
    public String language() {
        return language;
    }

    /** Whether it is a WISMO phrase (else a negative one). */
    public boolean positive() {
        return positive;
    }

    /** Its position in its language's list, from 0. */
    public int index() {
        return index;
    }

    /** What is wrong with it, without the phrase itself. */
    public String reason() {
        return reason;
    }
}
