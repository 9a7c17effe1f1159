package dev.cheeseshop.manage;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * When a new token expires, as the JSON API and the command line write it: a whole number of
 * seconds from now ({@code 86400}), an ISO-8601 date-time with its offset
 * ({@code 2027-01-31T12:00:00Z}, {@code 2027-01-31T12:00:00+01:00}), or an ISO-8601 date, which
 * means its start in UTC ({@code 2027-01-31}). It must lie in the future.
 */
public final class Expiry {
    /** At most ten years: far enough for any real use, near enough to catch a typo. */
    static final Duration LONGEST = Duration.ofDays(3653);

    private Expiry() {}

    public static Instant parse(String text, Instant now) throws ManageProblem {
        String value = text.strip();
        Instant at;
        if (value.matches("[0-9]{1,12}")) {
            at = now.plusSeconds(Long.parseLong(value));
        } else {
            at = parseTime(value);
        }
        return check(at, now, value);
    }

    static Instant seconds(long seconds, Instant now) throws ManageProblem {
        if (seconds <= 0 || seconds > LONGEST.toSeconds()) {
            throw ManageProblem.badRequest("expires: " + seconds + " seconds is not between 1 and "
                    + LONGEST.toSeconds());
        }
        return now.plusSeconds(seconds);
    }

    private static Instant parseTime(String value) throws ManageProblem {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw ManageProblem.badRequest("expires: '" + value + "' is neither a number of seconds nor an ISO-8601 "
                    + "date or date-time with an offset, such as 2027-01-31 or 2027-01-31T12:00:00Z");
        }
    }

    private static Instant check(Instant at, Instant now, String value) throws ManageProblem {
        if (!at.isAfter(now)) {
            throw ManageProblem.badRequest("expires: '" + value + "' is not in the future");
        }
        if (at.isAfter(now.plus(LONGEST))) {
            throw ManageProblem.badRequest("expires: '" + value + "' is more than ten years away");
        }
        return at;
    }
}
