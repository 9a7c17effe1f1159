package dev.cheeseshop.manage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.manage.ManageProblem.Kind;
import dev.cheeseshop.manage.ManagedProjects.ManagedProject;
import dev.cheeseshop.model.RoleName;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management pages' read: the project's Owner and an administrator may manage it, its
 * Maintainer sees it with the refusal every change of theirs gets, a stranger is refused as their
 * changes are; releases come newest version first (PEP 440 order, not text order), and the read
 * writes nothing.
 */
class ManagedProjectsTest {
    private static ManageFixture f;
    private static ManagedProjects reads;

    @BeforeAll
    static void start() {
        f = ManageFixture.start();
        reads = new ManagedProjects(f.server.app().store());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void eachActorSeesWhatTheUseCasesLetThemDo() throws Exception {
        List<String> files = f.project("read-me", "1.9", "1.10", "1.10rc1");
        var before = f.state();

        ManagedProject owner = reads.project(f.alice, "Read_Me");
        assertThat(owner.mayManage()).isTrue();
        assertThat(owner.refusal()).isEmpty();
        assertThat(owner.role()).contains(RoleName.Owner);
        assertThat(owner.releases()).extracting(r -> r.release().version()).containsExactly("1.10", "1.10rc1", "1.9");
        assertThat(owner.release("1.9").orElseThrow().files()).extracting(d -> d.filename())
                .containsExactlyInAnyOrder(files.get(0), files.get(1));
        assertThat(owner.roles()).extracting(g -> g.role() + " " + g.username())
                .containsExactly("Owner alice", "Maintainer bob");

        ManagedProject maintainer = reads.project(f.bob, "read-me");
        assertThat(maintainer.mayManage()).isFalse();
        ManageProblem yank = f.refused(Kind.FORBIDDEN, () -> f.releases.yank(f.bob, "read-me", "1.9", null));
        assertThat(maintainer.refusal()).contains(yank.getMessage());

        ManagedProject admin = reads.project(f.root, "read-me");
        assertThat(admin.mayManage()).isTrue();
        assertThat(admin.role()).isEmpty();

        ManageProblem stranger = f.refused(Kind.FORBIDDEN, () -> reads.project(f.carol, "read-me"));
        assertThat(stranger.getMessage()).isEqualTo("User 'carol' has no role on project 'read-me'.");
        assertThat(f.refused(Kind.NOT_FOUND, () -> reads.project(f.alice, "nothing-here")).getMessage())
                .isEqualTo("Project 'nothing-here' does not exist.");
        assertThat(reads.projectsOf(f.bob)).extracting(g -> g.projectName() + " " + g.role())
                .containsExactly("read-me Maintainer");
        assertThat(f.state()).isEqualTo(before);
    }
}
