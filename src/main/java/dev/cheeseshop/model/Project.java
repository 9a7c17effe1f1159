package dev.cheeseshop.model;

import java.time.Instant;

/** A stored project: its id, display and normalised names, creation time and last serial. */
public record Project(long id, ProjectName name, Instant created, Serial lastSerial) {
    public String displayName() {
        return name.display();
    }

    public String normalizedName() {
        return name.normalized();
    }
}
