package dev.cheeseshop.model;

import java.util.Optional;

/** The distribution types PyPI still accepts (eggs went with PEP 715, wininst and msi with PEP 527). */
public enum PackageType {
    sdist,
    bdist_wheel;

    public static Optional<PackageType> parse(String text) {
        for (PackageType type : values()) {
            if (type.name().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
