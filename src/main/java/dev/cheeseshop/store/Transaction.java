package dev.cheeseshop.store;

/** One open transaction: the repositories all see, and change, the same state. */
public interface Transaction {
    ProjectStore projects();

    ReleaseStore releases();

    FileStore files();

    JournalStore journal();

    UserStore users();

    RoleStore roles();

    TokenStore tokens();

    DownloadStore downloads();

    /** TEMPORARY until the cache store lands. */
    default UpstreamStore upstream() {
        throw new UnsupportedOperationException("upstream cache store not merged yet");
    }
}
