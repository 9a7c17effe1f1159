package dev.cheeseshop.manage;

import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.RoleStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The reads behind the management pages, each one read transaction: a project as those who may
 * manage it see it, and the projects a user has a role on. Who may look is {@link Access}'s
 * rule, the same the changes are judged by: an Owner or an administrator sees the project and
 * may change it; a Maintainer sees it and may not ({@link ManagedProject#mayManage} false, with
 * the use cases' own reason); anyone else is refused ({@link ManageProblem.Kind#FORBIDDEN}), as
 * every change would be. Nothing here writes.
 */
public final class ManagedProjects {
    private final MetadataStore store;

    public ManagedProjects(MetadataStore store) {
        this.store = store;
    }

    /** A release with its files, by filename. */
    public record ManagedRelease(Release release, List<DistFile> files) {}

    /**
     * A project as its manager sees it: the acting user's role (empty for an administrator without
     * one), whether they may change it and, when not, why ({@code refusal}), its roles (Owners
     * first) and its releases, newest version first, with their files; releases in quarantine too.
     */
    public record ManagedProject(Project project, Optional<RoleName> role, boolean mayManage, Optional<String> refusal,
            List<RoleStore.Grant> roles, List<ManagedRelease> releases) {
        /** The release with this exact stored version, if the project has it. */
        public Optional<ManagedRelease> release(String version) {
            return releases.stream().filter(r -> r.release().version().equals(version)).findFirst();
        }
    }

    /** The project by any spelling of its name, for a user with a role on it or an administrator. */
    public ManagedProject project(User actor, String projectName) throws ManageProblem {
        return Access.read(store, tx -> {
            Access.Member member = Access.member(tx, actor, projectName);
            Project project = member.project();
            List<ManagedRelease> releases = new ArrayList<>();
            for (Release release : tx.releases().forProject(project.id())) {
                List<DistFile> files = new ArrayList<>(tx.files().forRelease(release.id()));
                files.sort(Comparator.comparing(DistFile::filename));
                releases.add(new ManagedRelease(release, List.copyOf(files)));
            }
            releases.sort(Comparator.comparing((ManagedRelease r) -> Version.parse(r.release().version())).reversed());
            Optional<String> refusal = member.ownerRefusal().map(Throwable::getMessage);
            return new ManagedProject(project, member.role(), refusal.isEmpty(), refusal,
                    tx.roles().forProject(project.id()), List.copyOf(releases));
        });
    }

    /** The projects the user has a role on, with the role, as the users table has them now. */
    public List<RoleStore.Grant> projectsOf(User actor) {
        return store.read(tx -> tx.users().find(actor.username()).filter(u -> u.id() == actor.id())
                .map(u -> tx.roles().forUser(u.id())).orElse(List.of()));
    }
}
