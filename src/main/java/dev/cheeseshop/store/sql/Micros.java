package dev.cheeseshop.store.sql;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps are stored as microseconds since the epoch in a BIGINT: portable across databases,
 * ordered, and exactly as precise as the times PyPI shows ({@code 2024-11-06T22:37:09.220617Z}).
 */
final class Micros {
    private Micros() {}

    static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
