package dev.cheeseshop.model;

import java.util.Optional;

/** The two roles a user can hold on a project, spelled as PyPI spells them. */
public enum RoleName {
    Owner,
    Maintainer;

    public static Optional<RoleName> parse(String text) {
        for (RoleName role : values()) {
            if (role.name().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
