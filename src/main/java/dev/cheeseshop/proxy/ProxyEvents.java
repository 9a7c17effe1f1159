package dev.cheeseshop.proxy;

/**
 * What the proxy tells the metrics (the policy's decisions are counted by the policy's own
 * decorator): how each page was answered
 * ({@code fresh}, {@code fetched}, {@code revalidated}, {@code stale}, {@code not-found},
 * {@code unavailable}) and each file ({@code kept}: from the blob store, {@code fetched}: from the
 * upstream, {@code joined}: following another client's fetch, {@code failed}).
 */
public interface ProxyEvents {
    ProxyEvents NONE = new ProxyEvents() {
        @Override
        public void page(String outcome) {}

        @Override
        public void file(String outcome) {}
    };

    void page(String outcome);

    void file(String outcome);
}
