package dev.promptly.core.calendar;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Public holidays on which a shop is closed all day. Implementations are immutable or internally
 * synchronised, so one instance may serve many threads; they compute from rules and bundled data, never
 * from the current date.
 */
public interface HolidayCalendar {
    /** The holiday's name on {@code date}, or empty when {@code date} is no public holiday. */
    Optional<String> holiday(LocalDate date);

    /** A calendar without holidays. */
    static HolidayCalendar none() {
        return date -> Optional.empty();
    }
}
