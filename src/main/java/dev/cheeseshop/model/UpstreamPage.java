package dev.cheeseshop.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One project's page as the upstream answered it. {@code etag} is the upstream's {@code ETag}
 * header as sent (for the next conditional GET), {@code serial} its {@code X-PyPI-Last-Serial}
 * (JSON {@code meta._last-serial} when the header is missing), both absent for servers that send
 * none (a static tree). {@code displayName} is the name the page gives (JSON {@code name}, else the
 * normalised name). Files are in the upstream's order.
 */
public record UpstreamPage(
        String normalizedName,
        String displayName,
        Optional<String> etag,
        OptionalLong serial,
        List<UpstreamFile> files) {

    public UpstreamPage {
        Objects.requireNonNull(normalizedName, "normalizedName");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(serial, "serial");
        files = List.copyOf(files);
    }
}
