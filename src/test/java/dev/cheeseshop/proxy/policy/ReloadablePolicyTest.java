package dev.cheeseshop.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.cheeseshop.proxy.ProxyPolicy.Decision;
import dev.cheeseshop.proxy.policy.ReloadablePolicy.Outcome;
import dev.cheeseshop.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the policy file: a good file replaces the policy, a bad one keeps it and is logged once. */
class ReloadablePolicyTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;
    private Path file;
    private final List<Boolean> reloads = new ArrayList<>();
    private LogCapture log;
    private int writes;

    @BeforeEach
    void setUp() {
        file = dir.resolve("policy.toml");
        log = new LogCapture(ReloadablePolicy.class, Level.INFO);
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    /** Writes the file with a modification time of its own, so that no test depends on the clock's granularity. */
    private void write(String toml) throws IOException {
        Files.writeString(file, toml);
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(++writes)));
    }

    private ReloadablePolicy load() throws PolicyException {
        return ReloadablePolicy.load(file, Duration.ZERO, reloads::add);
    }

    private List<String> warnings() {
        return log.all().stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aChangedFileReplacesThePolicy() throws Exception {
        write("deny = [\"evilpkg\"]\n");
        ReloadablePolicy policy = load();
        assertThat(policy.project("evilpkg").allowed()).isFalse();
        assertThat(policy.project("other").allowed()).isTrue();

        write("deny = [\"other\"]\n");
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.RELOADED);

        assertThat(policy.project("evilpkg").allowed()).isTrue();
        assertThat(policy.project("other")).isEqualTo(new Decision(false, "deny", "other"));
        assertThat(reloads).containsExactly(true);
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.UNCHANGED);
        assertThat(reloads).containsExactly(true);
    }

    @Test
    void aBadFileKeepsTheOldPolicyAndIsLoggedOnceWithoutTheRestOfTheFile() throws Exception {
        write("deny = [\"evilpkg\"]\n");
        ReloadablePolicy policy = load();

        write("# upstream password: hunter2\ndeny = [\"other\", \"requests<<2\"]\n");
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.FAILED);
        assertThat(policy.reloadIfChanged()).as("the same bad file is not read again").isEqualTo(Outcome.UNCHANGED);
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.UNCHANGED);

        assertThat(policy.project("evilpkg").allowed()).as("the old policy stays").isFalse();
        assertThat(policy.project("other").allowed()).isTrue();
        assertThat(reloads).containsExactly(false);
        assertThat(warnings()).containsExactly("proxy policy not reloaded, the previous one stays: " + file
                + ":2: deny entry \"requests<<2\": '<<2' is not a valid PEP 440 version specifier");
        assertThat(log.all()).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("hunter2", "other"));

        assertThat(policy.reload()).as("SIGHUP reads it whatever").isEqualTo(Outcome.FAILED);
        assertThat(reloads).containsExactly(false, false);

        write("deny = [\"other\"]\n");
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.RELOADED);
        assertThat(policy.project("evilpkg").allowed()).isTrue();
        assertThat(policy.project("other").allowed()).isFalse();
        assertThat(reloads).containsExactly(false, false, true);
    }

    @Test
    void aFileTouchedButNotChangedIsNotReloadedButSighupReloadsIt() throws Exception {
        write("deny = [\"evilpkg\"]\n");
        ReloadablePolicy policy = load();

        write("deny = [\"evilpkg\"]\n");
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.UNCHANGED);
        assertThat(reloads).isEmpty();

        assertThat(policy.reload()).isEqualTo(Outcome.RELOADED);
        assertThat(reloads).containsExactly(true);
    }

    @Test
    void aFileReplacedByARenameIsSeenEvenWithTheSameTimeAndSize() throws Exception {
        write("deny = [\"aaaaaaa\"]\n");
        ReloadablePolicy policy = load();
        FileTime modified = Files.getLastModifiedTime(file);

        Path next = dir.resolve("policy.toml.new");
        Files.writeString(next, "deny = [\"bbbbbbb\"]\n");
        Files.setLastModifiedTime(next, modified);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.RELOADED);
        assertThat(policy.project("aaaaaaa").allowed()).isTrue();
        assertThat(policy.project("bbbbbbb").allowed()).isFalse();
    }

    @Test
    void aFileRemovedKeepsThePolicyUntilItIsBack() throws Exception {
        write("deny = [\"evilpkg\"]\n");
        ReloadablePolicy policy = load();

        Files.delete(file);
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.FAILED);
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.UNCHANGED);
        assertThat(policy.project("evilpkg").allowed()).isFalse();
        assertThat(warnings()).containsExactly(
                "proxy policy not reloaded, the previous one stays: " + file + ": no such file");

        write("deny = []\n");
        assertThat(policy.reloadIfChanged()).isEqualTo(Outcome.RELOADED);
        assertThat(policy.project("evilpkg").allowed()).isTrue();
        assertThat(reloads).containsExactly(false, true);
    }

    @Test
    void theServersMinimumAgeHoldsAcrossReloadsUnlessTheFileSetsOne() throws Exception {
        write("deny = []\n");
        ReloadablePolicy policy = ReloadablePolicy.load(file, Duration.ofDays(3), ReloadablePolicy.Listener.NONE);
        assertThat(policy.current().effectiveMinAge()).isEqualTo(Duration.ofDays(3));

        write("min-age = \"12h\"\n");
        policy.reloadIfChanged();
        assertThat(policy.current().effectiveMinAge()).isEqualTo(Duration.ofHours(12));

        write("deny = [\"x\"]\n");
        policy.reloadIfChanged();
        assertThat(policy.current().effectiveMinAge()).isEqualTo(Duration.ofDays(3));
        assertThat(policy.needsUploadTimes()).isTrue();

        write("min-age = \"0\"\n");
        policy.reloadIfChanged();
        assertThat(policy.needsUploadTimes()).isFalse();
    }

    @Test
    void startingWithABadFileIsAnErrorOfOneLine() throws Exception {
        write("allow = [\"requests\"\n");

        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ":2:1: not valid TOML: ");
        Path missing = dir.resolve("missing.toml");
        assertThatThrownBy(() -> ReloadablePolicy.load(missing, Duration.ZERO, ReloadablePolicy.Listener.NONE))
                .hasMessage(missing + ": no such file");
        assertThat(reloads).isEmpty();
    }
}
