package dev.cheeseshop.manage;

import static dev.cheeseshop.manage.Access.Refused;

import dev.cheeseshop.index.SearchIndexing;
import dev.cheeseshop.journal.Actions;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.time.Clock;
import java.time.Instant;

/**
 * A server administrator's quarantine of a project or of one release, and its clearing: what
 * pypi.org's administrators do to a package reported as malware while it is looked at. Each is one
 * write transaction that writes PyPI's journal entry under the administrator ({@code project
 * quarantined}, {@code project quarantine cleared}, {@code release quarantined}, {@code release
 * quarantine cleared}); anyone else is refused (403) and nothing is written.
 *
 * <p>While in quarantine, a project or release is kept whole but hidden from installers: the
 * Simple index leaves the project out, its Simple page and JSON documents answer 404 (a release in
 * quarantine is left out of them), and its files answer 404. Its Owners, Maintainers and the
 * administrators still read it through the management API. Uploads go on as pypi.org allows them
 * (a quarantined project keeps its upload permission) and stay hidden until the quarantine is
 * cleared. The journal entry changes the project's last serial, so the render cache and mirrors see
 * the change at once.
 */
public final class Quarantine {
    private final MetadataStore store;
    private final Clock clock;

    public Quarantine(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Puts the project in quarantine: {@code project quarantined}. */
    public Change project(User actor, String projectName) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.administeredProject(tx, actor, projectName);
            if (project.quarantined()) {
                throw new Refused(ManageProblem.conflict("Project '" + project.displayName() + "' is already quarantined."));
            }
            Instant now = clock.instant();
            tx.projects().setQuarantined(project.id(), now);
            SearchIndexing.refresh(tx, project.normalizedName());
            return journal(tx, actor, project, null, Actions.PROJECT_QUARANTINED, now);
        });
    }

    /** Takes the project out of quarantine: {@code project quarantine cleared}. */
    public Change clearProject(User actor, String projectName) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.administeredProject(tx, actor, projectName);
            if (!project.quarantined()) {
                throw new Refused(ManageProblem.conflict("Project '" + project.displayName() + "' is not quarantined."));
            }
            tx.projects().setQuarantined(project.id(), null);
            SearchIndexing.refresh(tx, project.normalizedName());
            return journal(tx, actor, project, null, Actions.PROJECT_QUARANTINE_CLEARED, clock.instant());
        });
    }

    /** Puts one release in quarantine: {@code release quarantined}, with its version. */
    public Change release(User actor, String projectName, String version) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.administeredProject(tx, actor, projectName);
            Release release = Access.release(tx, project, version);
            if (release.quarantined()) {
                throw new Refused(ManageProblem.conflict("Release " + release.version() + " of '"
                        + project.displayName() + "' is already quarantined."));
            }
            Instant now = clock.instant();
            tx.releases().setQuarantined(release.id(), now);
            SearchIndexing.refresh(tx, project.normalizedName());
            return journal(tx, actor, project, release.version(), Actions.RELEASE_QUARANTINED, now);
        });
    }

    /** Takes the release out of quarantine: {@code release quarantine cleared}, with its version. */
    public Change clearRelease(User actor, String projectName, String version) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.administeredProject(tx, actor, projectName);
            Release release = Access.release(tx, project, version);
            if (!release.quarantined()) {
                throw new Refused(ManageProblem.conflict("Release " + release.version() + " of '"
                        + project.displayName() + "' is not quarantined."));
            }
            tx.releases().setQuarantined(release.id(), null);
            SearchIndexing.refresh(tx, project.normalizedName());
            return journal(tx, actor, project, release.version(), Actions.RELEASE_QUARANTINE_CLEARED, clock.instant());
        });
    }

    private static Change journal(Transaction tx, User actor, Project project, String version, String action,
            Instant now) {
        Serial serial = Journal.writer(tx, actor.username(), now).add(project, version, action);
        return new Change(project.displayName(), version, action, actor.username(), serial);
    }
}
