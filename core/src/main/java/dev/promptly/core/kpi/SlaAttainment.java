package dev.promptly.core.kpi;

/**
 * How one SLA clock of one policy fared: targets {@code met} and {@code missed} (a clock counts once it stopped
 * or passed its target), and the warning and breach alerts sent.
 */
public record SlaAttainment(long met, long missed, long warnings, long breaches) {
    public static final SlaAttainment NONE = new SlaAttainment(0, 0, 0, 0);

    public SlaAttainment {
        if (met < 0 || missed < 0 || warnings < 0 || breaches < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    public SlaAttainment plus(SlaAttainment other) {
        return new SlaAttainment(met + other.met, missed + other.missed, warnings + other.warnings, breaches + other.breaches);
    }

    /** The share of counted targets that were met, 0..1; NaN when none counted. */
    public double rate() {
        long counted = met + missed;
        return counted == 0 ? Double.NaN : (double) met / counted;
    }
}
