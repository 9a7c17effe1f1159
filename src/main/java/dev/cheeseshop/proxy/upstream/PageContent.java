package dev.cheeseshop.proxy.upstream;

import dev.cheeseshop.model.UpstreamFile;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a page's body gave, before the response's headers are added: the display name (the page's,
 * else the normalised name), the serial the body carries (PEP 691 {@code meta._last-serial}; none
 * in HTML), and the files in the page's order.
 */
record PageContent(String displayName, OptionalLong serial, List<UpstreamFile> files) {

    PageContent {
        files = List.copyOf(files);
    }
}
