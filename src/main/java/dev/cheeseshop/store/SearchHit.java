package dev.cheeseshop.store;

import java.time.Instant;

/**
 * One project found: its names, the version and summary of its newest release not in quarantine
 * (null when it has none), when it was created and when that release was (null without one).
 */
public record SearchHit(
        String displayName,
        String normalizedName,
        String version,
        String summary,
        Instant created,
        Instant lastRelease) {}
