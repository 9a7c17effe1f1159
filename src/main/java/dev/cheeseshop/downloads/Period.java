package dev.cheeseshop.downloads;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The periods download counts are given for, each a run of whole UTC days ending with today
 * (today so far included): {@code day} is today, {@code week} the last 7 days, {@code month} the
 * last 30. Days are numbered from 1970-01-01 (day 0), as {@code download_counts.day} stores them.
 */
public enum Period {
    DAY(1), WEEK(7), MONTH(30);

    private final int days;

    Period(int days) {
        this.days = days;
    }

    /** How many days the period spans, today included. */
    public int days() {
        return days;
    }

    /** The first day of the period that ends with {@code today}. */
    public long firstDay(long today) {
        return today - days + 1;
    }

    /** The name as the API spells it: {@code day}, {@code week}, {@code month}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period named {@code id} exactly as the API spells it, if any. */
    public static Optional<Period> parse(String id) {
        for (Period period : values()) {
            if (period.id().equals(id)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

    /** The UTC day of {@code instant}, in days since 1970-01-01. */
    public static long dayOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 86_400L);
    }
}
