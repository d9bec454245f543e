package dev.promptly.core.kpi;

import java.util.Objects;

/**
 * The part of a shop's traffic a set of counts is about: channel ({@code email}, {@code chat}, {@code whatsapp}
 * …), reply language ({@code en}, {@code de}) and the opening message's intent ({@code wismo}, {@code return} …;
 * {@link #NONE} where not known, e.g. for delay notices, which answer no message).
 */
public record KpiSlice(String channel, String language, String intent) {
    public static final String NONE = "none";

    public KpiSlice {
        channel = orNone(channel);
        language = orNone(language);
        intent = orNone(intent);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }

    /** Whether this slice passes a filter; a null or blank filter value accepts everything. */
    public boolean matches(String channelFilter, String languageFilter, String intentFilter) {
        return accepts(channelFilter, channel) && accepts(languageFilter, language) && accepts(intentFilter, intent);
    }

    private static boolean accepts(String filter, String value) {
        return filter == null || filter.isBlank() || Objects.equals(filter, value);
    }
}
