package dev.cheeseshop.store.sql;

import dev.cheeseshop.store.DownloadStore;
import dev.cheeseshop.store.FileStore;
import dev.cheeseshop.store.JournalStore;
import dev.cheeseshop.store.ProjectStore;
import dev.cheeseshop.store.ReleaseStore;
import dev.cheeseshop.store.RoleStore;
import dev.cheeseshop.store.SessionStore;
import dev.cheeseshop.store.SearchStore;
import dev.cheeseshop.store.TokenStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.store.UpstreamStore;
import dev.cheeseshop.store.UserStore;

/** The repositories of one transaction, all on its one connection. */
final class SqlTransaction implements Transaction {
    private final Jdbc jdbc;
    private final SqlProjects projects;
    private final SqlReleases releases;
    private final SqlFiles files;
    private final SqlJournal journal;
    private final SqlUsers users;
    private final SqlRoles roles;
    private final SqlTokens tokens;
    private final SqlSessions sessions;
    private final SqlDownloads downloads;
    private final SqlUpstream upstream;
    private final SqlSearch search;

    SqlTransaction(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.projects = new SqlProjects(jdbc);
        this.releases = new SqlReleases(jdbc);
        this.files = new SqlFiles(jdbc);
        this.journal = new SqlJournal(jdbc);
        this.users = new SqlUsers(jdbc);
        this.roles = new SqlRoles(jdbc);
        this.tokens = new SqlTokens(jdbc);
        this.sessions = new SqlSessions(jdbc);
        this.downloads = new SqlDownloads(jdbc);
        this.upstream = new SqlUpstream(jdbc);
        this.search = new SqlSearch(jdbc, jdbc.dialect().fullText());
    }

    /** Called before the commit of a write transaction whose work succeeded. */
    void beforeCommit() {
        journal.beforeCommit();
    }

    /** The statement cache of the transaction's connection (null when it has none), for tests. */
    StatementCache statements() {
        return jdbc.statements();
    }

    @Override
    public ProjectStore projects() {
        return projects;
    }

    @Override
    public ReleaseStore releases() {
        return releases;
    }

    @Override
    public FileStore files() {
        return files;
    }

    @Override
    public JournalStore journal() {
        return journal;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public RoleStore roles() {
        return roles;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public DownloadStore downloads() {
        return downloads;
    }

    @Override
    public UpstreamStore upstream() {
        return upstream;
    }

    @Override
    public SearchStore search() {
        return search;
    }
}
