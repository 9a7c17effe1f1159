package dev.cheeseshop.bench;

import dev.cheeseshop.store.BulkSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps every generated row, as text and as values, for tests. */
final class RecordingSink implements BulkSink {
    record Journal(long serial, String name, String version, String action, long submitted, String by) {}

    record Project(long id, String name, String normalized, long created, long lastSerial) {}

    record Release(long projectId, String version, String canonical, String metadata, boolean yanked, long created) {}

    record Role(long projectId, long userId, String role) {}

    final List<String> rows = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    final List<Journal> journal = new ArrayList<>();
    final List<Project> projects = new ArrayList<>();
    final List<Release> releases = new ArrayList<>();
    final List<Role> roles = new ArrayList<>();

    @Override
    public void user(long id, String username, String passwordHash, long createdMicros) {
        users.add(username);
        rows.add("user " + id + " " + username + " " + passwordHash + " " + createdMicros);
    }

    @Override
    public void journal(long serial, String name, String version, String action, long submittedMicros,
            String submittedBy) {
        Journal row = new Journal(serial, name, version, action, submittedMicros, submittedBy);
        journal.add(row);
        rows.add(row.toString());
    }

    @Override
    public void project(long id, String name, String normalizedName, long createdMicros, long lastSerial) {
        Project row = new Project(id, name, normalizedName, createdMicros, lastSerial);
        projects.add(row);
        rows.add(row.toString());
    }

    @Override
    public void release(long projectId, String version, String canonicalVersion, String metadataJson,
            boolean yanked, long createdMicros) {
        Release row = new Release(projectId, version, canonicalVersion, metadataJson, yanked, createdMicros);
        releases.add(row);
        rows.add(row.toString());
    }

    @Override
    public void role(long projectId, long userId, String role) {
        Role row = new Role(projectId, userId, role);
        roles.add(row);
        rows.add(row.toString());
    }
}
