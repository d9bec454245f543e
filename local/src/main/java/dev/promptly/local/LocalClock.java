package dev.promptly.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every local component reads. It follows real time from an offset, so time keeps moving
 * after {@code POST /local/clock} sets or advances it, as it would in production. It starts at a given
 * instant (tests and walk-throughs with dated samples) or at the real time, and {@link #reset()} returns
 * to that start. Thread-safe.
 */
final class LocalClock extends Clock {
    private final Clock system;
    private final Instant start;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** A clock at the real time. */
    LocalClock() {
        this(Clock.systemUTC(), null);
    }

    /** A clock that starts at {@code start} (null: the real time) and runs on with {@code system}. */
    LocalClock(Clock system, Instant start) {
        this.system = system;
        this.start = start;
        reset();
    }

    void set(Instant now) {
        offset.set(Duration.between(system.instant(), now));
    }

    void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    void reset() {
        if (start == null) {
            offset.set(Duration.ZERO);
        } else {
            set(start);
        }
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the local clock is UTC; convert instants where a zone is needed");
    }
}
