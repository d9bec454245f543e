package dev.promptly.core.reply;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the language of a reply: the order's customer locale when known, else the language detected
 * in the message, else the shop's default, else English — each only if the shop speaks it and a
 * template exists for it.
 */
public final class ReplyLanguage {
    private ReplyLanguage() {
    }

    public static String choose(String orderLocale, Optional<String> detected, List<String> shopLanguages, Set<String> templates) {
        for (String candidate : new String[]{primary(orderLocale), detected.orElse(null), shopLanguages.get(0)}) {
            if (candidate != null && shopLanguages.contains(candidate) && templates.contains(candidate)) {
                return candidate;
            }
        }
        return templates.contains("en") ? "en" : templates.iterator().next();
    }

    /** {@code de-AT} → {@code de}. */
    private static String primary(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        return locale.trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
    }
}
