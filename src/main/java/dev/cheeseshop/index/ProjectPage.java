package dev.cheeseshop.index;

import dev.cheeseshop.model.Serial;
import java.util.List;

/**
 * The read model of one project's Simple API page, from which every rendering (PEP 503 HTML,
 * PEP 691 JSON) is made: files in PyPI's order (by version, then filename), the versions that
 * have files, ascending, and the project's last serial.
 */
public record ProjectPage(String normalizedName, String displayName, Serial lastSerial, List<FileLink> files,
        List<String> versions) {}
