package dev.cheeseshop.manage;

import static dev.cheeseshop.manage.Access.Refused;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.index.SearchIndexing;
import dev.cheeseshop.journal.Actions;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.upload.UploadService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A server administrator's reservation of a project name, without uploading: the project is
 * created with no release and one Owner, so that from then on the name is this index's (an
 * upstream's project of the same normalised name is never fetched or served: the proxy serves a
 * name from the upstream only while no local project has it) and only its Owner, and whoever that
 * Owner gives a role, may upload to it.
 *
 * <p>One write transaction of small steps, as every management use case: the caller may (a token
 * scoped to projects never creates one, as on uploads; the stored account is an administrator;
 * 403 otherwise), the name is one an upload could create (the upload's own check and message,
 * 400), no project has its normalised name (409), the Owner exists (404; 400 when none is named
 * and the caller has no account). It then journals exactly what a first upload journals before its
 * release, {@code create} and {@code add Owner <owner>}, under the acting administrator. The
 * operator at the command line ({@code caller} null) may do it too; having no account, their
 * entries name no submitter.
 */
public final class ProjectReservation {
    private final MetadataStore store;
    private final Clock clock;

    public ProjectReservation(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What a reservation did: the project created, its Owner's username, and the two journal entries. */
    public record Reserved(Project project, String owner, List<Change> changes) {}

    /**
     * Reserves {@code name} for {@code owner} (a username; null: the caller), as {@code caller}, or
     * as the operator when {@code caller} is null.
     */
    public Reserved reserve(Principal caller, String name, String owner) throws ManageProblem {
        unscoped(caller, name);
        return Access.write(store, tx -> {
            Optional<User> actor = administrator(tx, caller);
            ProjectName projectName = validName(name);
            free(tx, projectName);
            User holder = owner(tx, owner, actor);
            return create(tx, projectName, holder, actor.map(User::username).orElse(null));
        });
    }

    /** A token scoped to projects never creates one, whatever its scope (the upload's rule and words). */
    private static void unscoped(Principal caller, String name) throws ManageProblem {
        if (caller != null && caller.scoped()) {
            throw ManageProblem.forbidden("Invalid API Token: token is scoped to project(s) "
                    + String.join(", ", caller.scope().stream().map(p -> "'" + p + "'").toList())
                    + " and cannot create the new project '" + name + "'");
        }
    }

    /** The acting administrator's stored account; empty for the operator. */
    private static Optional<User> administrator(Transaction tx, Principal caller) {
        return caller == null ? Optional.empty()
                : Optional.of(Access.administrator(tx, caller.user(), "reserve a project name"));
    }

    private static ProjectName validName(String name) {
        Optional<String> problem = UploadService.newProjectNameProblem(name);
        if (problem.isPresent()) {
            throw new Refused(ManageProblem.badRequest(problem.get()));
        }
        return ProjectName.of(name);
    }

    private static void free(Transaction tx, ProjectName name) {
        tx.projects().find(name.normalized()).ifPresent(existing -> {
            throw new Refused(ManageProblem.conflict("The name '" + name.display() + "' conflicts with the existing project '"
                    + existing.displayName() + "'."));
        });
    }

    /** The named user, else the acting administrator. */
    private static User owner(Transaction tx, String owner, Optional<User> actor) {
        if (owner == null) {
            return actor.orElseThrow(() -> new Refused(ManageProblem.badRequest(
                    "owner: required: name the user who will own the project")));
        }
        return Optional.of(owner).filter(n -> !n.isBlank()).flatMap(n -> tx.users().find(n))
                .orElseThrow(() -> new Refused(ManageProblem.notFound("User '" + owner + "' does not exist.")));
    }

    /** The project and its Owner, journaled as a first upload journals them (the actor null for the operator). */
    private Reserved create(Transaction tx, ProjectName name, User owner, String actor) {
        Instant now = clock.instant();
        Journal.Writer journal = Journal.writer(tx, actor, now);
        Project project = tx.projects().insert(name, now);
        SearchIndexing.refresh(tx, project.normalizedName());
        Serial created = journal.add(project, null, Actions.CREATE);
        tx.roles().insert(project.id(), owner.id(), RoleName.Owner);
        String addOwner = Actions.addRole(RoleName.Owner, owner.username());
        Serial owned = journal.add(project, null, addOwner);
        Project stored = tx.projects().find(name.normalized()).orElseThrow();
        return new Reserved(stored, owner.username(), List.of(
                new Change(project.displayName(), null, Actions.CREATE, actor, created),
                new Change(project.displayName(), null, addOwner, actor, owned)));
    }
}
