package dev.cheeseshop.testing;

import dev.cheeseshop.journal.Actions;
import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.Digests;
import dev.cheeseshop.model.MetadataDigests;
import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Puts projects, releases and files straight into a server's stores (rows, journal entries and
 * blobs, as an upload would leave them), for tests of the read side that should not depend on
 * the upload path. What is not given a time is dated by the server's clock.
 */
public final class Seed {
    private final TestServer server;
    private final MetadataStore store;

    public Seed(TestServer server) {
        this(server, server.app().store());
    }

    /** Writes rows through {@code store} (another process's, say) and blobs into the server's blob store. */
    public Seed(TestServer server, MetadataStore store) {
        this.server = server;
        this.store = store;
    }

    /** A file to add: its name, its bytes, and the METADATA to serve beside it (null for none). */
    public record FileSpec(String filename, byte[] content, byte[] metadata) {}

    /** Adds a release (creating the project if needed) with its files, journaled; answers the stored files. */
    public List<DistFile> release(String projectName, String version, String requiresPython, FileSpec... files) {
        ProjectName name = ProjectName.of(projectName);
        Version parsed = Version.parse(version);
        Instant now = server.clock().instant();
        for (FileSpec file : files) {
            store(pathOf(file), file.content());
            if (file.metadata() != null) {
                store(pathOf(file) + ".metadata", file.metadata());
            }
        }
        return store.write(tx -> {
            Journal.Writer journal = Journal.writer(tx, TestServer.ALICE, now);
            Project project = tx.projects().find(name.normalized()).orElse(null);
            if (project == null) {
                project = tx.projects().insert(name, now);
                journal.add(project, null, Actions.CREATE);
            }
            ReleaseMetadata metadata = requiresPython == null ? ReleaseMetadata.EMPTY
                    : new ReleaseMetadata(Map.of("requires_python", List.of(requiresPython)));
            Release release = tx.releases().insert(project.id(), parsed.toString(), parsed.canonical(), metadata, now);
            journal.add(project, release.version(), Actions.NEW_RELEASE);
            List<DistFile> stored = new java.util.ArrayList<>();
            for (FileSpec file : files) {
                boolean wheel = file.filename().endsWith(".whl");
                MetadataDigests metadataDigests = file.metadata() == null ? null
                        : new MetadataDigests(sha256(file.metadata()), blake2b(file.metadata()));
                stored.add(tx.files().insert(new DistFile(0, release.id(), file.filename(),
                        wheel ? PackageType.bdist_wheel : PackageType.sdist, wheel ? "py3" : "source",
                        file.content().length, digests(file.content()), metadataDigests, now, pathOf(file), null,
                        "seed")));
                journal.add(project, release.version(), Actions.addFile(wheel ? "py3" : "source", file.filename()));
            }
            return stored;
        });
    }

    /**
     * Adds a release without files, created at {@code at} (and its project then, if it is new),
     * with the given metadata fields; journaled.
     */
    public Release release(String projectName, String version, Map<String, String> metadata, Instant at) {
        ProjectName name = ProjectName.of(projectName);
        Version parsed = Version.parse(version);
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        metadata.forEach((key, value) -> fields.put(key, List.of(value)));
        return store.write(tx -> {
            Journal.Writer journal = Journal.writer(tx, TestServer.ALICE, at);
            Project project = tx.projects().find(name.normalized()).orElse(null);
            if (project == null) {
                project = tx.projects().insert(name, at);
                journal.add(project, null, Actions.CREATE);
            }
            Release release = tx.releases().insert(project.id(), parsed.toString(), parsed.canonical(),
                    new ReleaseMetadata(fields), at);
            journal.add(project, release.version(), Actions.NEW_RELEASE);
            return release;
        });
    }

    /** Adds a project with no release, created at {@code at}; journaled. */
    public Project project(String projectName, Instant at) {
        return store.write(tx -> {
            Project project = tx.projects().insert(ProjectName.of(projectName), at);
            Journal.writer(tx, TestServer.ALICE, at).add(project, null, Actions.CREATE);
            return project;
        });
    }

    /**
     * Yanks a release (PEP 592) as PyPI's manage view does, journaled as {@code yank release};
     * {@code reason} may be null or empty. There is no yank API yet, so tests seed it here.
     */
    public void yank(String projectName, String version, String reason) {
        ProjectName name = ProjectName.of(projectName);
        Version parsed = Version.parse(version);
        store.write(tx -> {
            Project project = tx.projects().find(name.normalized()).orElseThrow();
            Release release = tx.releases().find(project.id(), parsed.canonical()).orElseThrow();
            tx.releases().setYanked(release.id(), true, reason);
            Journal.writer(tx, TestServer.ALICE, server.clock().instant()).add(project, release.version(), Actions.YANK_RELEASE);
            return null;
        });
    }

    public static FileSpec wheel(String filename, String content, String metadata) {
        return new FileSpec(filename, content.getBytes(StandardCharsets.UTF_8), metadata.getBytes(StandardCharsets.UTF_8));
    }

    public static FileSpec sdist(String filename, String content) {
        return new FileSpec(filename, content.getBytes(StandardCharsets.UTF_8), null);
    }

    public static Digests digests(byte[] content) {
        try {
            HexFormat hex = HexFormat.of();
            return new Digests(hex.formatHex(MessageDigest.getInstance("MD5").digest(content)), sha256(content),
                    blake2b(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String blake2b(byte[] content) {
        Blake2bDigest digest = new Blake2bDigest(256);
        digest.update(content, 0, content.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    private static String pathOf(FileSpec file) {
        return digests(file.content()).storagePath(file.filename());
    }

    private void store(String key, byte[] content) {
        try {
            server.app().blobs().put(key, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
