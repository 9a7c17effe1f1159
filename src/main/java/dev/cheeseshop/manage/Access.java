package dev.cheeseshop.manage;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.util.Optional;

/**
 * Who may manage what, as on pypi.org: a project's Owners may do everything to it; its
 * Maintainers may upload but not yank, remove or manage roles; anyone else may do nothing; a
 * server administrator may do anything. Judged inside the use case's transaction, on the stored
 * account (an account removed or demoted since the caller authenticated counts as it is now).
 */
final class Access {
    private Access() {}

    /** The project the acting user may manage, found by any spelling of its name. */
    static Project ownedProject(Transaction tx, User actor, String projectName) {
        Member member = member(tx, actor, projectName);
        member.ownerRefusal().ifPresent(problem -> {
            throw new Refused(problem);
        });
        return member.project();
    }

    /**
     * The project and the acting user's part in it, when they have one (an Owner's or a
     * Maintainer's role) or are a server administrator: who may look at its management, whether
     * or not they may change anything.
     */
    static Member member(Transaction tx, User actor, String projectName) {
        Project project = project(tx, projectName);
        User stored = stored(tx, actor);
        Optional<RoleName> role = tx.roles().find(project.id(), stored.id());
        if (role.isEmpty() && !stored.admin()) {
            throw new Refused(ManageProblem.forbidden("User '" + stored.username()
                    + "' has no role on project '" + project.displayName() + "'."));
        }
        return new Member(project, stored, role);
    }

    /** A project and an acting user (as stored) who has a role on it or is an administrator. */
    record Member(Project project, User user, Optional<RoleName> role) {
        /** Why this user may not manage the project (they are only a Maintainer), or empty when they may. */
        Optional<ManageProblem> ownerRefusal() {
            if (user.admin() || role.orElseThrow() == RoleName.Owner) {
                return Optional.empty();
            }
            return Optional.of(ManageProblem.forbidden("User '" + user.username() + "' is a " + role.get()
                    + " of project '" + project.displayName() + "': only an Owner may manage it."));
        }
    }

    /** The project, found by any spelling of its name, when the acting user is a server administrator. */
    static Project administeredProject(Transaction tx, User actor, String projectName) {
        Project project = project(tx, projectName);
        User stored = stored(tx, actor);
        if (!stored.admin()) {
            throw new Refused(ManageProblem.forbidden("User '" + stored.username()
                    + "' is not an administrator: only an administrator may quarantine or release '"
                    + project.displayName() + "'."));
        }
        return project;
    }

    /** The acting user as stored now, when a server administrator; {@code what} completes "only an administrator may ...". */
    static User administrator(Transaction tx, User actor, String what) {
        User stored = stored(tx, actor);
        if (!stored.admin()) {
            throw new Refused(ManageProblem.forbidden("User '" + stored.username()
                    + "' is not an administrator: only an administrator may " + what + "."));
        }
        return stored;
    }

    /** The release of the project with the canonical version of {@code version}. */
    static Release release(Transaction tx, Project project, String version) {
        return Version.tryParse(version == null ? "" : version)
                .flatMap(v -> tx.releases().find(project.id(), v.canonical()))
                .orElseThrow(() -> new Refused(ManageProblem.notFound(
                        "Release " + version + " of '" + project.displayName() + "' does not exist.")));
    }

    private static Project project(Transaction tx, String projectName) {
        return Optional.ofNullable(projectName).filter(n -> !n.isBlank())
                .flatMap(n -> tx.projects().find(ProjectName.normalize(n)))
                .orElseThrow(() -> new Refused(ManageProblem.notFound("Project '" + projectName + "' does not exist.")));
    }

    /** The acting user as stored now (a user removed since the caller authenticated is refused). */
    private static User stored(Transaction tx, User actor) {
        return tx.users().find(actor.username()).filter(u -> u.id() == actor.id())
                .orElseThrow(() -> new Refused(ManageProblem.forbidden(
                        "User '" + actor.username() + "' does not exist any more.")));
    }

    /**
     * Runs {@code work} in one write transaction; a {@link Refused} inside rolls it back and is thrown as its problem.
     * The journal lock is taken first, so that the checks and the change they allow are one step against every
     * other journaled change, on PostgreSQL as on SQLite (whose writers are serialised anyway): two Owners removing
     * each other at once must not leave a project with none.
     */
    static <T> T write(MetadataStore store, MetadataStore.TransactionWork<T> work) throws ManageProblem {
        try {
            return store.write(tx -> {
                tx.journal().lock();
                return work.run(tx);
            });
        } catch (Refused refused) {
            throw refused.problem;
        }
    }

    /** Runs {@code work} in one read transaction; a {@link Refused} inside is thrown as its problem. */
    static <T> T read(MetadataStore store, MetadataStore.TransactionWork<T> work) throws ManageProblem {
        try {
            return store.read(work);
        } catch (Refused refused) {
            throw refused.problem;
        }
    }

    /** Carries a refusal out of a transaction, rolling it back. */
    static final class Refused extends RuntimeException {
        final ManageProblem problem;

        Refused(ManageProblem problem) {
            super(problem.getMessage(), null, false, false);
            this.problem = problem;
        }
    }
}
