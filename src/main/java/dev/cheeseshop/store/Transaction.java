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

    /** Browser sessions. */
    SessionStore sessions();

    DownloadStore downloads();

    /** The proxy's cache of the upstream index. */
    UpstreamStore upstream();

    /** The project search index, kept in step with the projects by {@code index.SearchIndexing}. */
    SearchStore search();
}
