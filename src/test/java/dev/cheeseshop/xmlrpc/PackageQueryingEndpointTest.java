package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.Rpc.call;
import static dev.cheeseshop.xmlrpc.Rpc.fault;
import static dev.cheeseshop.xmlrpc.Rpc.result;
import static dev.cheeseshop.xmlrpc.Rpc.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.Transaction;
import dev.cheeseshop.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code package_roles}, {@code user_packages} and {@code browse} over HTTP against a real server
 * on a real SQLite store, seeded with users, roles and releases with classifiers
 * (warehouse-xmlrpc.md §1.4).
 */
class PackageQueryingEndpointTest {
    private static final String PY3 = "Programming Language :: Python :: 3";
    private static final String MIT = "License :: OSI Approved :: MIT License";
    private static final String WEB = "Framework :: Django";

    private static TestServer server;

    @BeforeAll
    static void seed() {
        server = TestServer.start();
        Instant now = Instant.now();
        server.app().store().write(tx -> {
            User alice = tx.users().find(TestServer.ALICE).orElseThrow();
            User bob = tx.users().find(TestServer.BOB).orElseThrow();
            User zoe = tx.users().insert("Zoe", null, "$unused", false, now);
            User amy = tx.users().insert("amy", null, "$unused", false, now);
            Project demo = project(tx, "Demo.Pkg", now);
            tx.roles().insert(demo.id(), bob.id(), RoleName.Maintainer);
            tx.roles().insert(demo.id(), zoe.id(), RoleName.Owner);
            tx.roles().insert(demo.id(), alice.id(), RoleName.Owner);
            tx.roles().insert(demo.id(), amy.id(), RoleName.Maintainer);
            release(tx, demo, "1.9", now, PY3, MIT);
            release(tx, demo, "1.10", now, PY3, MIT, WEB);
            release(tx, demo, "2.0", now, PY3);
            Project zebra = project(tx, "zebra", now);
            tx.roles().insert(zebra.id(), alice.id(), RoleName.Maintainer);
            release(tx, zebra, "0.1", now, MIT, PY3);
            Project apple = project(tx, "Apple", now);
            tx.roles().insert(apple.id(), alice.id(), RoleName.Owner);
            release(tx, apple, "3.0", now, PY3, MIT);
            project(tx, "Empty", now);
            return null;
        });
    }

    private static Project project(Transaction tx, String name, Instant now) {
        return tx.projects().insert(ProjectName.of(name), now);
    }

    private static void release(Transaction tx, Project project, String version, Instant now, String... classifiers) {
        Version v = Version.parse(version);
        tx.releases().insert(project.id(), v.toString(), v.canonical(),
                new ReleaseMetadata(Map.of("classifiers", List.of(classifiers))), now);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Demo.Pkg", "demo-pkg", "DEMO_PKG", "demo..pkg"})
    void packageRolesFindsTheProjectSpelledAnyWayOwnersFirstThenByUsernameInAnyCase(String spelling) {
        Object roles = result(call(server, "/pypi", "package_roles", "<string>" + spelling + "</string>"));

        assertThat(roles).isEqualTo(List.of(List.of("Owner", "alice"), List.of("Owner", "Zoe"),
                List.of("Maintainer", "amy"), List.of("Maintainer", "bob")));
    }

    @Test
    void packageRolesOfAnUnknownOrRolelessProjectIsEmpty() {
        assertThat(result(call(server, "/RPC2", "package_roles", "<string>no-such-project</string>"))).isEqualTo(List.of());
        assertThat(result(call(server, "/RPC2", "package_roles", "<string>Empty</string>"))).isEqualTo(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "ALICE", "Alice"})
    void userPackagesFindsTheUserInAnyCaseOwnersFirstThenByProjectName(String spelling) {
        Object packages = result(call(server, "/pypi/", "user_packages", spelling));

        assertThat(packages).isEqualTo(List.of(List.of("Owner", "Apple"), List.of("Owner", "Demo.Pkg"),
                List.of("Maintainer", "zebra")));
    }

    @Test
    void userPackagesOfAnUnknownUserIsEmpty() {
        assertThat(result(call(server, "/pypi", "user_packages", "<string>nobody</string>"))).isEqualTo(List.of());
    }

    @Test
    void browseFindsReleasesCarryingAllTheClassifiersByNameThenVersionAsText() {
        Object hits = result(call(server, "/pypi", "browse", strings(MIT, PY3)));

        assertThat(hits).isEqualTo(List.of(List.of("Apple", "3.0"), List.of("Demo.Pkg", "1.10"),
                List.of("Demo.Pkg", "1.9"), List.of("zebra", "0.1")));
        assertThat(result(call(server, "/pypi", "browse", strings(WEB))))
                .isEqualTo(List.of(List.of("Demo.Pkg", "1.10")));
        assertThat(Rpc.list(result(call(server, "/pypi", "browse", strings(PY3))))).hasSize(5);
    }

    @Test
    void browseOfNothingOfAnUnknownClassifierOrOfADuplicateIsEmpty() {
        assertThat(result(call(server, "/pypi", "browse", strings()))).isEqualTo(List.of());
        assertThat(result(call(server, "/pypi", "browse", strings("Topic :: Nothing")))).isEqualTo(List.of());
        assertThat(result(call(server, "/pypi", "browse", strings(PY3, "Topic :: Nothing")))).isEqualTo(List.of());
        assertThat(result(call(server, "/pypi", "browse", strings(WEB, WEB)))).isEqualTo(List.of());
    }

    @Test
    void argumentsAreCheckedStrictly() {
        assertThat(fault(call(server, "/pypi", "package_roles", "<int>1</int>"))).isEqualTo(
                new Rpc.Fault(-32602, "client error; package_name: Input should be a valid string"));
        assertThat(fault(call(server, "/pypi", "user_packages"))).isEqualTo(
                new Rpc.Fault(-32602, "client error; username: Missing required argument"));
        assertThat(fault(call(server, "/pypi", "browse", "<string>" + PY3 + "</string>"))).isEqualTo(
                new Rpc.Fault(-32602, "client error; classifiers: Input should be a valid list"));
    }
}
