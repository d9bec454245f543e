package dev.promptly.core.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Optional;

/**
 * Why Jackson refused a JSON document, in words safe to return and log. Jackson's
 * {@code StreamReadConstraints} (nesting deeper than 1,000, numbers longer than 1,000 characters, ...)
 * fail with a {@link StreamConstraintsException} that carries no location, so an answer built from
 * {@code getLocation()} alone would throw a NullPointerException instead of naming the problem.
 */
public final class JsonProblem {
    private JsonProblem() {
    }

    /**
     * The limit a document broke, e.g. {@code "Document nesting depth (1001) exceeds the maximum allowed (1000)"};
     * empty for a syntax error. Jackson's message holds only counts and limits, never the document's text.
     */
    public static Optional<String> limit(JsonProcessingException e) {
        if (!(e instanceof StreamConstraintsException)) {
            return Optional.empty();
        }
        String message = e.getOriginalMessage() == null ? "a JSON parser limit was exceeded" : e.getOriginalMessage();
        // Drop the ", from `StreamReadConstraints.getMaxNumberLength()`" pointer into Jackson's API.
        return Optional.of(message.replaceAll(", from `[^`]*`", ""));
    }

    /** {@code line 3, column 7} where the syntax broke, or {@code unknown position} when Jackson gives none. */
    public static String position(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null ? "unknown position" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The 400 for a body Jackson refused: the broken limit, else where the syntax broke. */
    public static InvalidInputException invalid(String field, JsonProcessingException e, String syntaxReason) {
        return limit(e).map(limit -> new InvalidInputException(field, "is over a JSON limit: " + limit))
                .orElseGet(() -> new InvalidInputException(field, syntaxReason));
    }
}
