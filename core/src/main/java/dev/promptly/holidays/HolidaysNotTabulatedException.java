package dev.promptly.holidays;

import java.time.LocalDate;

/**
 * A holiday lookup for a date outside the years of the precomputed holiday table. Answering "no holiday"
 * there would be silently wrong, so the lookup fails; the fix is to regenerate the table with a wider range
 * (docs/architecture.md, "Public holidays"). The message names the year and the range, no shop data.
 */
public final class HolidaysNotTabulatedException extends IllegalStateException {
    public HolidaysNotTabulatedException(LocalDate date, int firstYear, int lastYear) {
        super("public holidays are tabulated for " + firstYear + "-" + lastYear + " only, not for " + date.getYear()
                + " (regenerate the table, see docs/architecture.md)");
    }
}
