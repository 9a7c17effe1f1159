package dev.cheeseshop.web;

import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.index.HomeSummary;
import dev.cheeseshop.index.ProjectOverview;
import dev.cheeseshop.index.ProjectOverviews;
import dev.cheeseshop.index.Rendered;
import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.model.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The web pages, rendered once per change and kept in the render cache beside the Simple pages,
 * confirmed the same way ({@link DocumentCache#current}): a page confirmed at the
 * {@link JournalWatch}'s generation is served with no query; after a commit one indexed read of
 * its owner's last serial (the project's, or for the home and user pages the journal's) tells
 * whether it still holds; only after a change is it read and rendered again, from one snapshot.
 *
 * <p>Pages are cached as an anonymous visitor sees them. The header's account links are the one
 * part that differs for a signed-in user: {@link AccountSlot} puts theirs in at serving time.
 * Project pages show download counts, which change without a journal entry: their key carries the
 * counts' generation, as the JSON API's does.
 */
public final class WebPages {
    private final MetadataStore store;
    private final DocumentCache cache;
    private final JournalWatch watch;
    private final ProjectOverviews overviews;
    private final Descriptions descriptions;
    private final Pages pages;
    private final Assets assets;
    private final LongSupplier countsGeneration;

    public WebPages(MetadataStore store, DocumentCache cache, JournalWatch watch, ProjectOverviews overviews,
            Descriptions descriptions, Pages pages, Assets assets, LongSupplier countsGeneration) {
        this.store = store;
        this.cache = cache;
        this.watch = watch;
        this.overviews = overviews;
        this.descriptions = descriptions;
        this.pages = pages;
        this.assets = assets;
        this.countsGeneration = countsGeneration;
    }

    public Pages pages() {
        return pages;
    }

    public Assets assets() {
        return assets;
    }

    /** The frame of a page under {@code base}. */
    public Chrome chrome(String base) {
        return Chrome.of(base, assets);
    }

    /** The home page, if nothing was committed since it was confirmed; never blocks. */
    public Optional<Rendered> freshHome(String base) {
        return cache.fresh(homeKey(base), watch.generation());
    }

    public Rendered home(String base) {
        return cache.current(homeKey(base), watch.generation(), held -> store.read(tx -> {
            Serial last = tx.journal().last().orElse(Serial.NONE);
            return held.at(last).or(() -> Optional.of(Rendered.of(
                    pages.home(new HomeView(chrome(base), HomeSummary.read(tx), Commands.of(base))), last)));
        })).orElseThrow();
    }

    /** A project's page ({@code version} null: its newest release), if nothing was committed since it was confirmed. */
    public Optional<Rendered> freshProject(String normalizedName, String version, String base) {
        return cache.fresh(projectKey(normalizedName, version, base, countsGeneration.getAsLong()),
                watch.generation());
    }

    /** A project's page, or one release's; empty when there is no such project or release to show. */
    public Optional<Rendered> project(String normalizedName, String version, String base) {
        long counts = countsGeneration.getAsLong();
        return cache.current(projectKey(normalizedName, version, base, counts), watch.generation(), held ->
                store.read(tx -> tx.projects().find(normalizedName).filter(p -> !p.quarantined()).flatMap(project ->
                        held.at(project.lastSerial()).or(() -> {
                            cache.invalidate(projectKey(normalizedName, version, base, counts - 1));
                            return render(tx, project, version, base);
                        }))));
    }

    private Optional<Rendered> render(Transaction tx, Project project, String version, String base) {
        Optional<ProjectOverview> overview = overviews.read(tx, project, version);
        return overview.map(o -> Rendered.of(pages.project(new ProjectView(chrome(base), o,
                descriptions.of(tx, o.release()), Commands.of(base))), project.lastSerial()));
    }

    /** A user's page; empty when there is no such user (a disabled user's page stays: their roles do). */
    public Optional<Rendered> user(String username, String base) {
        return cache.current(new DocumentCache.Key("web-user", username + '\n' + base), watch.generation(),
                held -> store.read(tx -> {
                    Serial last = tx.journal().last().orElse(Serial.NONE);
                    Optional<User> user = tx.users().find(username);
                    return user.flatMap(u -> held.at(last).or(() -> Optional.of(Rendered.of(pages.user(
                            new UserView(chrome(base), u.username(), u.created(), tx.roles().forUser(u.id()))),
                            last))));
                }));
    }

    /** How many journal entries a history page shows. */
    public static final int HISTORY_PAGE = 100;

    /**
     * A page of a project's whole history: its entries after {@code after}, oldest first (one range
     * of the journal's project index), read as asked, not cached; empty when there is no such
     * project to show (none, or in quarantine).
     */
    public Optional<byte[]> history(String normalizedName, Serial after, String base) {
        return store.read(tx -> tx.projects().find(normalizedName).filter(p -> !p.quarantined()).map(project -> {
            List<JournalEntry> entries = new ArrayList<>(HISTORY_PAGE + 1);
            tx.journal().forProject(normalizedName, after, HISTORY_PAGE + 1, entries::add);
            Optional<Serial> next = Optional.empty();
            if (entries.size() > HISTORY_PAGE) {
                entries.remove(HISTORY_PAGE);
                next = Optional.of(entries.get(HISTORY_PAGE - 1).serial());
            }
            return pages.history(new HistoryView(chrome(base), project, entries, next));
        }));
    }

    private static DocumentCache.Key homeKey(String base) {
        return new DocumentCache.Key("web-home", base);
    }

    private static DocumentCache.Key projectKey(String normalizedName, String version, String base, long counts) {
        return new DocumentCache.Key("web-project", normalizedName + '\n' + (version == null ? "" : version) + '\n'
                + base + '\n' + counts);
    }
}
