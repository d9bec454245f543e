package dev.promptly.core.kpi;

import java.util.List;

/** Surveys sent and the ratings they got, {@code ratings.get(0)} counting 1s up to {@code ratings.get(4)} counting 5s. */
public record CsatTally(long surveysSent, List<Long> ratings) {
    public static final CsatTally NONE = new CsatTally(0, List.of(0L, 0L, 0L, 0L, 0L));

    public CsatTally {
        ratings = List.copyOf(ratings);
        if (ratings.size() != 5 || surveysSent < 0 || ratings.stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("a CSAT tally has a non-negative survey count and five non-negative rating counts");
        }
    }

    /** This tally with one more rating (1–5). */
    public CsatTally withRating(int rating) {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("a rating lies between 1 and 5: " + rating);
        }
        Long[] next = ratings.toArray(Long[]::new);
        next[rating - 1]++;
        return new CsatTally(surveysSent, List.of(next));
    }

    public CsatTally withSurveySent() {
        return new CsatTally(surveysSent + 1, ratings);
    }

    public CsatTally plus(CsatTally other) {
        Long[] sum = new Long[5];
        for (int i = 0; i < 5; i++) {
            sum[i] = ratings.get(i) + other.ratings.get(i);
        }
        return new CsatTally(surveysSent + other.surveysSent, List.of(sum));
    }

    public long responses() {
        return ratings.stream().mapToLong(Long::longValue).sum();
    }

    /** The average rating; NaN without ratings. */
    public double average() {
        long n = responses();
        long total = 0;
        for (int i = 0; i < 5; i++) {
            total += (i + 1) * ratings.get(i);
        }
        return n == 0 ? Double.NaN : (double) total / n;
    }

    /** Ratings per survey sent, 0..1; NaN when none was sent. */
    public double responseRate() {
        return surveysSent == 0 ? Double.NaN : Math.min(1.0, (double) responses() / surveysSent);
    }
}
