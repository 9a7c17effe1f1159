package dev.cheeseshop.http;

import dev.cheeseshop.index.SimpleIndex;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.proxy.UpstreamListing;
import dev.cheeseshop.store.ProjectStore.ProjectListing;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * This index's projects, then the upstream's that this index does not have (a local project
 * shadows the upstream's of the same name) and the policy allows. The local rows stream as they
 * are read and their names are remembered, so the upstream's can be told apart at the end; the
 * order within each part is its source's, which PEP 503 leaves free. Upstream projects carry
 * serial 0: their serials are the upstream's, not this index's journal's.
 */
final class MergedListing implements SimpleIndex.ListingSink {
    private final SimpleIndex.ListingSink sink;
    private final String[] upstream;
    private final Predicate<String> allowed;
    private final Set<String> local = new HashSet<>();

    MergedListing(SimpleIndex.ListingSink sink, UpstreamListing.Names names, Predicate<String> allowed) {
        this.sink = sink;
        this.upstream = names.sorted();
        this.allowed = allowed;
    }

    @Override
    public boolean begin(SimpleIndex.Listing listing) {
        return sink.begin(listing);
    }

    @Override
    public void project(ProjectListing project) {
        local.add(project.normalizedName());
        sink.project(project);
    }

    @Override
    public void end() {
        for (String name : upstream) {
            if (!local.contains(name) && allowed.test(name)) {
                sink.project(new ProjectListing(name, name, Serial.NONE));
            }
        }
        sink.end();
    }
}
