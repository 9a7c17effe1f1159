package dev.cheeseshop.model;

import java.time.Instant;

/**
 * A stored project: its id, display and normalised names, creation time, last serial, and whether
 * an administrator has put it in quarantine (hidden from installers, kept whole).
 */
public record Project(long id, ProjectName name, Instant created, Serial lastSerial, boolean quarantined) {
    /** A project not in quarantine. */
    public Project(long id, ProjectName name, Instant created, Serial lastSerial) {
        this(id, name, created, lastSerial, false);
    }

    public String displayName() {
        return name.display();
    }

    public String normalizedName() {
        return name.normalized();
    }
}
