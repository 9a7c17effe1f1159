package dev.cheeseshop.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cheeseshop.auth.UserProblem;
import dev.cheeseshop.dist.TestArchives;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.IndexState;
import dev.cheeseshop.testing.TestServer;
import dev.cheeseshop.testing.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A real server with four kinds of actor for the management use cases: alice, who uploads every
 * project (so its Owner, journaled as an upload does), bob, made its Maintainer, carol, a stranger,
 * and root, a server administrator ({@code user add --admin}); the use cases built on the
 * server's own stores, blob store and clock, as the HTTP layer will build them.
 */
final class ManageFixture implements AutoCloseable {
    static final String CAROL = "carol";
    static final String ROOT = "root";
    static final String CAROL_PASSWORD = "carol-password-4444";
    static final String ROOT_PASSWORD = "root-password-333";

    final TestServer server;
    final User alice;
    final User bob;
    final User carol;
    final User root;
    final ReleaseManagement releases;
    final RoleManagement roles;
    final Quarantine quarantine;
    final ProjectReservation reservation;
    private final Path archives;

    private ManageFixture(TestServer server) throws UserProblem, IOException {
        this.server = server;
        this.alice = user(TestServer.ALICE);
        this.bob = user(TestServer.BOB);
        this.carol = server.app().accounts().create(CAROL, null, CAROL_PASSWORD, false);
        this.root = server.app().accounts().create(ROOT, null, ROOT_PASSWORD, true);
        this.releases = new ReleaseManagement(server.app().store(), server.app().blobs(), server.clock());
        this.roles = new RoleManagement(server.app().store(), server.clock());
        this.quarantine = new Quarantine(server.app().store(), server.clock());
        this.reservation = new ProjectReservation(server.app().store(), server.clock());
        this.archives = Files.createDirectories(server.data().resolve("archives"));
    }

    static ManageFixture start() {
        TestServer server = TestServer.start();
        try {
            return new ManageFixture(server);
        } catch (UserProblem | IOException e) {
            server.close();
            throw new IllegalStateException(e);
        }
    }

    private User user(String name) {
        return server.app().store().read(tx -> tx.users().find(name)).orElseThrow();
    }

    /**
     * Uploads, as alice, a wheel and an sdist of each version of {@code name}, then makes bob its
     * Maintainer (a row, not journaled: the fixture, not the use case under test). Answers the
     * filenames, wheel then sdist per version.
     */
    List<String> project(String name, String... versions) {
        List<String> filenames = uploaded(name, versions);
        grant(name, bob, RoleName.Maintainer);
        return filenames;
    }

    /** As {@link #project}, without bob: alice is the only one with a role. */
    List<String> uploaded(String name, String... versions) {
        List<String> filenames = new ArrayList<>();
        try {
            for (String version : versions) {
                Path dir = Files.createDirectories(archives.resolve(name + "-" + version));
                Path wheel = TestArchives.wheel(name, version).writeTo(dir);
                Path sdist = TestArchives.sdist(name, version).writeTo(dir);
                accepted(Uploads.wheel(wheel, name, version));
                accepted(Uploads.sdist(sdist, name, version));
                filenames.add(wheel.getFileName().toString());
                filenames.add(sdist.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return filenames;
    }

    /** The archive {@link #project} uploaded as {@code filename} for that version. */
    Path archive(String name, String version, String filename) {
        return archives.resolve(name + "-" + version).resolve(filename);
    }

    /** The stored file, by name. */
    DistFile file(String filename) {
        return server.app().store().read(tx -> tx.files().findByFilename(filename)).orElseThrow();
    }

    /** Gives {@code user} a role on the project directly in the store (a fixture, not journaled). */
    void grant(String project, User user, RoleName role) {
        server.app().store().write(tx -> {
            long id = tx.projects().find(ProjectName.normalize(project)).orElseThrow().id();
            tx.roles().insert(id, user.id(), role);
            return null;
        });
    }

    void accepted(Uploads upload) {
        Http.Response response = upload.to(server);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    IndexState state() {
        return IndexState.of(server);
    }

    Http.Response get(String path, String... headers) {
        return Http.get(server.uri(path), headers);
    }

    /** Runs a use case that must be refused with {@code kind}, and checks it wrote nothing at all. */
    ManageProblem refused(ManageProblem.Kind kind, ThrowingCallable useCase) {
        IndexState before = state();
        ManageProblem problem = catchThrowableOfType(useCase, ManageProblem.class);
        assertThat(problem).as("refused").isNotNull();
        assertThat(problem.kind()).as(problem.getMessage()).isEqualTo(kind);
        assertThat(state()).isEqualTo(before);
        return problem;
    }

    @Override
    public void close() {
        server.close();
    }
}
