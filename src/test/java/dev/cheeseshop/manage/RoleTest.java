package dev.cheeseshop.manage;

import static dev.cheeseshop.testing.IndexState.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.manage.ManageProblem.Kind;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.Uploads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roles: an Owner (or an administrator) adds a user as Owner or Maintainer, changes the role and
 * removes it, journaled as PyPI does under the acting user; the last Owner can be neither removed
 * nor demoted; a Maintainer or a stranger may do none of it, and a refusal writes nothing.
 */
class RoleTest {
    private static ManageFixture f;

    @BeforeAll
    static void start() {
        f = ManageFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void anOwnerAddsChangesAndRemovesRolesAndEachGivesWhatPypiGives() throws Exception {
        f.uploaded("roles-flow", "1.0");
        IndexState before = f.state();

        Change added = f.roles.add(f.alice, "Roles.Flow", "CAROL", RoleName.Maintainer);

        assertThat(added).isEqualTo(new Change("roles-flow", null, "add Maintainer carol", "alice",
                f.state().journal().get(f.state().journal().size() - 1).serial()));
        assertThat(packageRoles("roles-flow")).containsExactly("Owner", "alice", "Maintainer", "carol");
        Path dir = Files.createDirectories(f.server.data().resolve("archives/roles-flow-1.1"));
        f.accepted(Uploads.wheel(TestArchives.wheel("roles-flow", "1.1").writeTo(dir), "roles-flow", "1.1")
                .credentials(ManageFixture.CAROL, ManageFixture.CAROL_PASSWORD));
        f.refused(Kind.FORBIDDEN, () -> f.releases.yank(f.carol, "roles-flow", "1.0", "x"));
        IndexState afterUpload = f.state();

        f.roles.change(f.alice, "roles-flow", "carol", RoleName.Owner);
        f.releases.yank(f.carol, "roles-flow", "1.0", "an Owner now");
        f.roles.remove(f.carol, "roles-flow", "alice");

        assertThat(describe(afterUpload.journalSince(before))).containsExactly(
                "roles-flow|null|add Maintainer carol|alice", "roles-flow|1.1|new release|carol",
                "roles-flow|1.1|add py3 file roles_flow-1.1-py3-none-any.whl|carol");
        assertThat(describe(f.state().journalSince(afterUpload))).containsExactly(
                "roles-flow|null|change Maintainer carol to Owner|alice",
                "roles-flow|1.0|yank release|carol",
                "roles-flow|null|remove Owner alice|carol");
        assertThat(f.state().roles()).filteredOn(r -> r.startsWith("roles-flow "))
                .containsExactly("roles-flow Owner carol");
        f.refused(Kind.FORBIDDEN, () -> f.roles.add(f.alice, "roles-flow", "alice", RoleName.Owner));
    }

    @Test
    void theLastOwnerCanBeNeitherRemovedNorDemoted() throws ManageProblem {
        f.project("roles-last", "1.0");
        String message = "Cannot remove the last Owner of project 'roles-last': make another user an Owner first.";
        assertThat(f.refused(Kind.CONFLICT, () -> f.roles.remove(f.alice, "roles-last", "alice")).getMessage())
                .isEqualTo(message);
        assertThat(f.refused(Kind.CONFLICT, () -> f.roles.change(f.alice, "roles-last", "alice", RoleName.Maintainer))
                .getMessage()).isEqualTo(message);
        f.refused(Kind.CONFLICT, () -> f.roles.set(f.alice, "roles-last", "alice", RoleName.Maintainer));
        f.refused(Kind.CONFLICT, () -> f.roles.remove(f.root, "roles-last", "alice"));

        f.roles.change(f.alice, "roles-last", "bob", RoleName.Owner);
        IndexState twoOwners = f.state();
        f.roles.change(f.alice, "roles-last", "alice", RoleName.Maintainer);
        assertThat(describe(f.state().journalSince(twoOwners)))
                .containsExactly("roles-last|null|change Owner alice to Maintainer|alice");
        f.refused(Kind.CONFLICT, () -> f.roles.remove(f.bob, "roles-last", "bob"));
    }

    @Test
    void aMaintainerOrAStrangerMayNotManageRoles() {
        f.project("roles-refused", "1.0");
        for (User actor : List.of(f.bob, f.carol)) {
            f.refused(Kind.FORBIDDEN, () -> f.roles.add(actor, "roles-refused", "carol", RoleName.Maintainer));
            f.refused(Kind.FORBIDDEN, () -> f.roles.change(actor, "roles-refused", "alice", RoleName.Maintainer));
            f.refused(Kind.FORBIDDEN, () -> f.roles.change(actor, "roles-refused", "bob", RoleName.Owner));
            f.refused(Kind.FORBIDDEN, () -> f.roles.remove(actor, "roles-refused", "bob"));
            f.refused(Kind.FORBIDDEN, () -> f.roles.set(actor, "roles-refused", "carol", RoleName.Owner));
        }
    }

    @Test
    void anAdministratorManagesRolesOfAnyProjectUnderTheirOwnName() throws ManageProblem {
        f.uploaded("roles-admin", "1.0");
        IndexState before = f.state();
        f.roles.add(f.root, "roles-admin", "bob", RoleName.Owner);
        f.roles.change(f.root, "roles-admin", "alice", RoleName.Maintainer);
        f.roles.remove(f.root, "roles-admin", "alice");
        assertThat(describe(f.state().journalSince(before))).containsExactly(
                "roles-admin|null|add Owner bob|root",
                "roles-admin|null|change Owner alice to Maintainer|root",
                "roles-admin|null|remove Maintainer alice|root");
        assertThat(f.state().roles()).filteredOn(r -> r.startsWith("roles-admin ")).containsExactly("roles-admin Owner bob");
    }

    @Test
    void whatIsAlreadySoIsAConflictAndWhatIsMissingIsNotFound() {
        f.project("roles-checks", "1.0");
        assertThat(f.refused(Kind.CONFLICT, () -> f.roles.add(f.alice, "roles-checks", "Bob", RoleName.Owner)).getMessage())
                .isEqualTo("User 'bob' already has the Maintainer role on project 'roles-checks'.");
        f.refused(Kind.CONFLICT, () -> f.roles.change(f.alice, "roles-checks", "bob", RoleName.Maintainer));
        assertThat(f.refused(Kind.NOT_FOUND, () -> f.roles.remove(f.alice, "roles-checks", "carol")).getMessage())
                .isEqualTo("User 'carol' has no role on project 'roles-checks'.");
        f.refused(Kind.NOT_FOUND, () -> f.roles.change(f.alice, "roles-checks", "carol", RoleName.Owner));
        assertThat(f.refused(Kind.NOT_FOUND, () -> f.roles.add(f.alice, "roles-checks", "nobody", RoleName.Owner))
                .getMessage()).isEqualTo("User 'nobody' does not exist.");
        f.refused(Kind.NOT_FOUND, () -> f.roles.set(f.alice, "roles-checks", null, RoleName.Owner));
        f.refused(Kind.NOT_FOUND, () -> f.roles.add(f.alice, "no-such-project", "carol", RoleName.Owner));
        f.refused(Kind.NOT_FOUND, () -> f.roles.remove(f.carol, "no-such-project", "carol"));
    }

    @Test
    void aRoleNameIsOwnerOrMaintainerExactly() throws ManageProblem {
        assertThat(RoleManagement.role("Owner")).isEqualTo(RoleName.Owner);
        assertThat(RoleManagement.role("Maintainer")).isEqualTo(RoleName.Maintainer);
        for (String bad : new String[] {"owner", "Admin", "", null}) {
            assertThatThrownBy(() -> RoleManagement.role(bad)).isInstanceOfSatisfying(ManageProblem.class,
                    p -> assertThat(p.kind()).isEqualTo(Kind.BAD_REQUEST));
        }
    }

    @Test
    void settingARoleAddsItOrChangesItOrWritesNothingWhenItIsHeldAlready() throws ManageProblem {
        f.uploaded("roles-set", "1.0");
        IndexState before = f.state();
        assertThat(f.roles.set(f.alice, "roles-set", "carol", RoleName.Maintainer)).isPresent();
        assertThat(f.roles.set(f.alice, "roles-set", "carol", RoleName.Owner)).get()
                .extracting(Change::action).isEqualTo("change Maintainer carol to Owner");
        assertThat(describe(f.state().journalSince(before))).containsExactly(
                "roles-set|null|add Maintainer carol|alice", "roles-set|null|change Maintainer carol to Owner|alice");
        IndexState set = f.state();
        assertThat(f.roles.set(f.alice, "roles-set", "Carol", RoleName.Owner)).isEqualTo(Optional.empty());
        assertThat(f.state()).isEqualTo(set);
    }

    /** {@code package_roles} over XML-RPC: the strings of its response, in order. */
    private static List<String> packageRoles(String project) {
        String call = "<?xml version='1.0'?><methodCall><methodName>package_roles</methodName><params><param><value>"
                + "<string>" + project + "</string></value></param></params></methodCall>";
        Http.Response response = Http.send("POST", f.server.uri("/pypi"), call.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/xml");
        assertThat(response.text()).doesNotContain("<fault>");
        return Pattern.compile("<string>([^<]*)</string>").matcher(response.text()).results()
                .map(m -> m.group(1)).toList();
    }
}
