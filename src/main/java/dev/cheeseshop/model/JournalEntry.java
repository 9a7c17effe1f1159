package dev.cheeseshop.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change, as the journal records it: the project's display name at the time, the release
 * version when the change concerns a release, the action text PyPI uses (for example
 * {@code new release} or {@code add py3 file foo-1.0-py3-none-any.whl}), when it happened and who
 * did it.
 */
public record JournalEntry(
        Serial serial, String name, String version, String action, Instant submitted, String submittedBy) {

    public JournalEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(submitted, "submitted");
    }

    public Optional<String> versionIfAny() {
        return Optional.ofNullable(version);
    }
}
