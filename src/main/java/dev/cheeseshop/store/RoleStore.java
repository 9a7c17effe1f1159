package dev.cheeseshop.store;

import dev.cheeseshop.model.RoleName;
import java.util.List;
import java.util.Optional;

/** Who holds which role on which project. */
public interface RoleStore {
    Optional<RoleName> find(long projectId, long userId);

    void insert(long projectId, long userId, RoleName role);

    /** Changes the role the user holds on the project (nothing when none). */
    void update(long projectId, long userId, RoleName role);

    /** Removes the user's role on the project (nothing when none). */
    void delete(long projectId, long userId);

    /** The project's roles: Owners first, then Maintainers, each by username regardless of case. */
    List<Grant> forProject(long projectId);

    /** The user's roles: Owners first, then Maintainers, each by project name. */
    List<Grant> forUser(long userId);

    /** A role held by a user on a project, with both names for display. */
    record Grant(RoleName role, String username, String projectName) {}
}
