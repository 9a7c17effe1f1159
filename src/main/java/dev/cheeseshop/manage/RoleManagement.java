package dev.cheeseshop.manage;

import static dev.cheeseshop.manage.Access.Refused;

import dev.cheeseshop.journal.Actions;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.RoleStore;
import dev.cheeseshop.store.Transaction;
import java.time.Clock;
import java.util.Optional;

/**
 * The role use cases of a project's Owner (or an administrator): give a user a role, change it,
 * take it away, each one write transaction journaled as PyPI does ({@code add Maintainer bob},
 * {@code change Maintainer bob to Owner}, {@code remove Owner bob}; no version) under the acting
 * user. A project always keeps at least one Owner: removing or demoting the last one is a
 * {@link ManageProblem.Kind#CONFLICT}. Users are found in any case and journaled as they spell
 * their name. A refusal writes nothing.
 */
public final class RoleManagement {
    private final MetadataStore store;
    private final Clock clock;

    public RoleManagement(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A role name as a client sends it ({@code Owner}, {@code Maintainer}, exactly). */
    public static RoleName role(String text) throws ManageProblem {
        return RoleName.parse(text).orElseThrow(() -> ManageProblem.badRequest(
                "Unknown role '" + text + "': a role is Owner or Maintainer."));
    }

    /** Gives {@code username} a role on the project, which they must not have yet: {@code add <Role> <user>}. */
    public Change add(User actor, String projectName, String username, RoleName role) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            User user = user(tx, username);
            Optional<RoleName> held = tx.roles().find(project.id(), user.id());
            if (held.isPresent()) {
                throw new Refused(ManageProblem.conflict("User '" + user.username() + "' already has the "
                        + held.get() + " role on project '" + project.displayName() + "'."));
            }
            tx.roles().insert(project.id(), user.id(), role);
            return journal(tx, actor, project, Actions.addRole(role, user.username()));
        });
    }

    /** Changes the role {@code username} holds to {@code role}: {@code change <Old> <user> to <New>}. */
    public Change change(User actor, String projectName, String username, RoleName role) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            User user = user(tx, username);
            RoleName held = held(tx, project, user);
            if (held == role) {
                throw new Refused(ManageProblem.conflict("User '" + user.username() + "' already has the "
                        + held + " role on project '" + project.displayName() + "'."));
            }
            keepAnOwner(tx, project, held);
            tx.roles().update(project.id(), user.id(), role);
            return journal(tx, actor, project, Actions.changeRole(held, user.username(), role));
        });
    }

    /** Takes away the role {@code username} holds: {@code remove <Role> <user>}. */
    public Change remove(User actor, String projectName, String username) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            User user = user(tx, username);
            RoleName held = held(tx, project, user);
            keepAnOwner(tx, project, held);
            tx.roles().delete(project.id(), user.id());
            return journal(tx, actor, project, Actions.removeRole(held, user.username()));
        });
    }

    /**
     * Makes {@code username} hold {@code role}, as an HTTP {@code PUT} of a role does: adds it, or
     * changes the one held, or (the same role already held) writes nothing and answers empty.
     */
    public Optional<Change> set(User actor, String projectName, String username, RoleName role) throws ManageProblem {
        return Access.write(store, tx -> {
            Project project = Access.ownedProject(tx, actor, projectName);
            User user = user(tx, username);
            Optional<RoleName> held = tx.roles().find(project.id(), user.id());
            if (held.isEmpty()) {
                tx.roles().insert(project.id(), user.id(), role);
                return Optional.of(journal(tx, actor, project, Actions.addRole(role, user.username())));
            }
            if (held.get() == role) {
                return Optional.empty();
            }
            keepAnOwner(tx, project, held.get());
            tx.roles().update(project.id(), user.id(), role);
            return Optional.of(journal(tx, actor, project, Actions.changeRole(held.get(), user.username(), role)));
        });
    }

    private static User user(Transaction tx, String username) {
        return Optional.ofNullable(username).filter(n -> !n.isBlank()).flatMap(n -> tx.users().find(n))
                .orElseThrow(() -> new Refused(ManageProblem.notFound("User '" + username + "' does not exist.")));
    }

    private static RoleName held(Transaction tx, Project project, User user) {
        return tx.roles().find(project.id(), user.id()).orElseThrow(() -> new Refused(ManageProblem.notFound(
                "User '" + user.username() + "' has no role on project '" + project.displayName() + "'.")));
    }

    /** Refuses to take away an Owner role when it is the project's only one. */
    private static void keepAnOwner(Transaction tx, Project project, RoleName held) {
        if (held != RoleName.Owner) {
            return;
        }
        long owners = tx.roles().forProject(project.id()).stream().map(RoleStore.Grant::role)
                .filter(r -> r == RoleName.Owner).count();
        if (owners <= 1) {
            throw new Refused(ManageProblem.conflict("Cannot remove the last Owner of project '"
                    + project.displayName() + "': make another user an Owner first."));
        }
    }

    private Change journal(Transaction tx, User actor, Project project, String action) {
        Serial serial = Journal.writer(tx, actor.username(), clock.instant()).add(project, null, action);
        return new Change(project.displayName(), null, action, actor.username(), serial);
    }
}
