package dev.promptly.core.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * A shop's opening hours as instants: weekly hours in the shop's zone, minus public holidays and the
 * shop's closure days, with special hours for single dates. It answers whether the shop is open, when
 * it opens next, and when an amount of open ("business") time has elapsed.
 *
 * <p>Rules, for a local date {@code d} in {@link #zone()}:
 * <ul>
 *   <li>The ranges of {@code d} are its {@code specialHours} if it has an entry (an empty list: closed all
 *       day; special hours win over closures and public holidays, so a shop may open on a holiday); else
 *       none if {@code d} is a closure or a public holiday; else the weekly ranges of its day of week. A day
 *       may have several ranges, e.g. {@code 09:00-12:00} and {@code 13:00-18:00} around lunch.</li>
 *   <li>A range that ends at or before its start ({@code 22:00-02:00}, or {@code 18:00-24:00}) belongs to
 *       the day it starts on: that day's holiday, closure or special hours remove or replace it, and it runs
 *       into the next date whatever that date's status.</li>
 *   <li>Local times become instants with the zone's rules. A time in a spring-forward gap moves forward by
 *       the gap's length ({@link ZonedDateTime}'s default); in a fall-back overlap a start takes the
 *       earlier offset and an end the later offset, so a night range counts the real elapsed time (an
 *       hour less in the spring-forward night, an hour more in the fall-back night). A range that the
 *       gap leaves empty is dropped.</li>
 *   <li>Open time is the union of all these half-open {@code [start, end)} intervals; overlapping and
 *       touching intervals merge.</li>
 *   <li>A business day is a date whose own ranges give open time (open time that merely runs in from
 *       the previous evening does not make a date a business day).</li>
 * </ul>
 *
 * <p>Building a calendar only copies its inputs. Computations read the calendar date by date, only as
 * far as they need; searches for open time stop with {@link IllegalStateException} after two years
 * without any, rather than looping forever. The core reads no clock: every instant is passed in.
 * Immutable, and thread-safe when its {@link HolidayCalendar} is.
 */
public final class BusinessCalendar {
    private static final Period HORIZON = Period.ofYears(2);
    private static final String NO_HOURS = "no business hours within two years";
    private static final Comparator<Interval> BY_START = Comparator.comparing(Interval::start);

    private final ZoneId zone;
    private final Map<DayOfWeek, List<TimeRange>> weekly;
    private final HolidayCalendar holidays;
    private final Set<LocalDate> closures;
    private final NavigableMap<LocalDate, List<TimeRange>> specialHours;
    /** False when no weekday has hours, so only special-hours dates can open (and dates between are skipped). */
    private final boolean weeklyOpen;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, HolidayCalendar holidays,
                             Set<LocalDate> closures, NavigableMap<LocalDate, List<TimeRange>> specialHours) {
        this.zone = zone;
        this.weekly = weekly;
        this.holidays = holidays;
        this.closures = closures;
        this.specialHours = specialHours;
        this.weeklyOpen = weekly.values().stream().anyMatch(ranges -> !ranges.isEmpty());
    }

    /**
     * A calendar from its parts; days missing from {@code weekly} are closed.
     *
     * @param zone         the shop's time zone, in which all ranges and dates are read
     * @param weekly       ranges per day of week
     * @param holidays     public holidays (closed all day unless {@code specialHours} say otherwise)
     * @param closures     the shop's own closed dates
     * @param specialHours ranges replacing the weekly ones on single dates; an empty list closes the date
     * @throws NullPointerException if an argument, key, list or range is null
     */
    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, HolidayCalendar holidays,
                                      Set<LocalDate> closures, Map<LocalDate, List<TimeRange>> specialHours) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(weekly, "weekly");
        Objects.requireNonNull(holidays, "holidays");
        Objects.requireNonNull(closures, "closures");
        Objects.requireNonNull(specialHours, "specialHours");
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, ranges) -> week.put(Objects.requireNonNull(day, "weekly day"), List.copyOf(ranges)));
        NavigableMap<LocalDate, List<TimeRange>> special = new TreeMap<>();
        specialHours.forEach((date, ranges) -> special.put(date, List.copyOf(ranges)));
        return new BusinessCalendar(zone, week, holidays, Set.copyOf(closures), special);
    }

    public ZoneId zone() {
        return zone;
    }

    /** True if {@code at} lies in open time (half-open: the closing instant itself is closed). */
    public boolean isOpen(Instant at) {
        LocalDate today = dateOf(at);
        // Ranges of earlier dates can run into today; ranges of later dates start after today.
        for (LocalDate day = today.minusDays(2); !day.isAfter(today); day = day.plusDays(1)) {
            for (Interval interval : intervalsStartingOn(day)) {
                if (interval.contains(at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code from} itself when open, else the start of the next open interval.
     *
     * @throws IllegalStateException if there is no open time within two years after {@code from}
     */
    public Instant nextOpening(Instant from) {
        Objects.requireNonNull(from, "from");
        return new OpenTime(from, null).next().start();
    }

    /**
     * The instant at which {@code amount} of open time has elapsed, counting from {@code start}. The result
     * is open, or the end of an open interval when the amount runs out exactly at closing (17:59 plus one
     * minute is 18:00, not the next morning). A zero amount gives {@link #nextOpening(Instant)}.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     * @throws IllegalStateException    if the search meets two years without open time
     */
    public Instant addBusinessTime(Instant start, Duration amount) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        OpenTime open = new OpenTime(start, null);
        Interval piece = open.next();
        Duration left = amount;
        while (left.compareTo(piece.duration()) > 0) {
            left = left.minus(piece.duration());
            piece = open.next();
        }
        return piece.start().plus(left);
    }

    /** The open time within {@code [from, to)}; zero if {@code to} is not after {@code from}. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        for (Interval interval : openIntervals(from, to)) {
            total = total.plus(interval.duration());
        }
        return total;
    }

    /**
     * The open intervals overlapping {@code [from, to)}, clipped to it, merged where they overlap or touch,
     * in order; empty if {@code to} is not after {@code from}.
     */
    public List<Interval> openIntervals(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<Interval> result = new ArrayList<>();
        if (!to.isAfter(from)) {
            return result;
        }
        OpenTime open = new OpenTime(from, to);
        Instant start = null;
        Instant end = null;
        for (Interval piece = open.next(); piece != null; piece = open.next()) {
            Instant pieceEnd = piece.end().isAfter(to) ? to : piece.end();
            if (piece.start().equals(end)) {
                end = pieceEnd;
            } else {
                if (start != null) {
                    result.add(new Interval(start, end));
                }
                start = piece.start();
                end = pieceEnd;
            }
        }
        if (start != null) {
            result.add(new Interval(start, end));
        }
        return List.copyOf(result);
    }

    /**
     * The date {@code days} business days after {@code date}: the {@code days}-th business day following
     * it (Saturday plus one is Monday in a Monday-to-Friday shop). For 0, {@code date} itself if it is a
     * business day, else the next one.
     *
     * @throws IllegalArgumentException if {@code days} is negative
     * @throws IllegalStateException    if the search meets two years without a business day
     */
    public LocalDate addBusinessDays(LocalDate date, int days) {
        Objects.requireNonNull(date, "date");
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        if (days == 0) {
            return firstBusinessDayFrom(date);
        }
        LocalDate day = date;
        for (int i = 0; i < days; i++) {
            day = firstBusinessDayFrom(day.plusDays(1));
        }
        return day;
    }

    /** True if {@code date}'s own ranges give open time (see the class description). */
    public boolean isBusinessDay(LocalDate date) {
        return !intervalsStartingOn(Objects.requireNonNull(date, "date")).isEmpty();
    }

    /** The public holiday's name on {@code date}, for explanations; empty for other dates and closures. */
    public Optional<String> holidayName(LocalDate date) {
        return holidays.holiday(Objects.requireNonNull(date, "date"));
    }

    private LocalDate firstBusinessDayFrom(LocalDate date) {
        LocalDate horizon = date.plus(HORIZON);
        for (LocalDate day = candidateFrom(date); day != null && !day.isAfter(horizon); day = candidateFrom(day.plusDays(1))) {
            if (isBusinessDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException(NO_HOURS);
    }

    /** The first date at or after {@code date} that may have open time, or null if none can. */
    private LocalDate candidateFrom(LocalDate date) {
        return weeklyOpen ? date : specialHours.ceilingKey(date);
    }

    private List<TimeRange> rangesOn(LocalDate date) {
        List<TimeRange> special = specialHours.get(date);
        if (special != null) {
            return special;
        }
        List<TimeRange> ranges = weekly.getOrDefault(date.getDayOfWeek(), List.of());
        if (ranges.isEmpty() || closures.contains(date) || holidays.holiday(date).isPresent()) {
            return List.of();
        }
        return ranges;
    }

    /** The intervals of the ranges belonging to {@code date}, unmerged and unsorted. */
    private List<Interval> intervalsStartingOn(LocalDate date) {
        List<TimeRange> ranges = rangesOn(date);
        List<Interval> intervals = new ArrayList<>(ranges.size());
        for (TimeRange range : ranges) {
            // ZonedDateTime.of moves a time in a gap forward and takes the earlier offset in an overlap.
            Instant start = ZonedDateTime.of(date, range.start(), zone).toInstant();
            LocalDate endDate = range.crossesMidnight() ? date.plusDays(1) : date;
            Instant end = ZonedDateTime.of(endDate, range.end(), zone).withLaterOffsetAtOverlap().toInstant();
            if (end.isAfter(start)) {
                intervals.add(new Interval(start, end));
            }
        }
        return intervals;
    }

    private LocalDate dateOf(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    private Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    /**
     * Walks open time forward from an instant, loading one date at a time. It returns disjoint pieces in
     * order (pieces may touch; callers merge if they need to). Every interval of a date starts at or after
     * that date's first instant, so an interval starting before the next unloaded date's start can be
     * returned without looking further.
     */
    private final class OpenTime {
        private final Instant limit;
        private final PriorityQueue<Interval> pending = new PriorityQueue<>(BY_START);
        private LocalDate nextDate;
        private Instant covered;

        /** @param limit no piece starting at or after it is returned; null: unbounded, two-year rule */
        OpenTime(Instant from, Instant limit) {
            this.limit = limit;
            this.covered = from;
            // Ranges of the two previous dates may still be open at `from`.
            this.nextDate = candidateFrom(dateOf(from).minusDays(2));
        }

        /** The next piece, starting at or after the end of the previous one; null at the limit. */
        Interval next() {
            LocalDate horizon = dateOf(covered).plus(HORIZON);
            while (true) {
                Instant boundary = nextDate == null ? null : startOfDay(nextDate);
                Interval head = pending.peek();
                if (head != null && (boundary == null || head.start().isBefore(boundary))) {
                    pending.poll();
                    if (!head.end().isAfter(covered)) {
                        continue;
                    }
                    Instant start = head.start().isAfter(covered) ? head.start() : covered;
                    if (limit != null && !start.isBefore(limit)) {
                        return null;
                    }
                    covered = head.end();
                    return new Interval(start, head.end());
                }
                if (nextDate == null) {
                    return exhausted();
                }
                if (limit != null && !boundary.isBefore(limit)) {
                    return null;
                }
                if (limit == null && nextDate.isAfter(horizon)) {
                    throw new IllegalStateException(NO_HOURS);
                }
                pending.addAll(intervalsStartingOn(nextDate));
                nextDate = candidateFrom(nextDate.plusDays(1));
            }
        }

        private Interval exhausted() {
            if (limit == null) {
                throw new IllegalStateException(NO_HOURS);
            }
            return null;
        }
    }
}
