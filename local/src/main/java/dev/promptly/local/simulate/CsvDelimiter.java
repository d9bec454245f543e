package dev.promptly.local.simulate;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The field delimiter of a CSV file, read from its header row: a comma (RFC 4180), or a semicolon as
 * German Excel writes "CSV (Trennzeichen-getrennt)" because its decimal separator is the comma, or a tab.
 * The one that occurs most often outside quoted fields in the header row wins; a header of one column,
 * with none of them, is read as commas. Only the header is looked at: a data row's text is full of
 * commas and semicolons that say nothing about the format.
 */
final class CsvDelimiter {
    /** Header rows longer than this are not searched further: real ones name a handful of columns. */
    static final int MAX_HEADER_CHARS = 64 * 1024;
    private static final char[] CANDIDATES = {',', ';', '\t'};

    private CsvDelimiter() {
    }

    /** Detects the delimiter and leaves {@code reader} where it was. */
    static char detect(BufferedReader reader) throws IOException {
        reader.mark(MAX_HEADER_CHARS + 1);
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = 0, c; i < MAX_HEADER_CHARS && (c = reader.read()) != -1; i++) {
            if (c == '"') {
                // A doubled quote inside a quoted field toggles twice and so changes nothing.
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        reader.reset();
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }
}
