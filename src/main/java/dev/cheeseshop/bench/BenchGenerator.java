package dev.cheeseshop.bench;

import dev.cheeseshop.journal.Actions;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.store.BulkSink;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Generates a benchmark index: users, projects, releases, roles and a journal of exactly the
 * requested size, as a replay of twenty years of activity. Each step either creates a project
 * ({@code create}, {@code add Owner <user>}, usually a first release) or acts on an existing one,
 * old or recent projects favoured: a release ({@code new release} then {@code add source file},
 * {@code add py3 file}, {@code add cp312 file}), another file, {@code remove file},
 * {@code yank release}, {@code unyank release}, {@code remove release}, or a role change.
 *
 * <p>Deterministic: one seeded {@link SplittableRandom}, and times from a fixed base
 * (2005-03-01) advancing by a fixed step per serial, never the wall clock; the same spec gives the
 * same rows. Serials are dense (1..journal); each project's last serial is its newest entry's;
 * every journal name is a project's display name. Distribution files and blobs are not generated:
 * the journal mentions files that the files table does not hold.
 */
public final class BenchGenerator {
    /** Every generated user's password. */
    public static final String PASSWORD = "bench-password-1";
    /** Argon2id of {@link #PASSWORD}, fixed so that the rows are reproducible. */
    static final String PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$J06usRw5BPGiT8Rnpzq2Zg"
            + "$HYBri11GDqXYmJH2aStIosT/DAHuH1IJj0nT2WbvQfI";
    static final Instant BASE = Instant.parse("2005-03-01T00:00:00Z");
    private static final long BASE_MICROS = ChronoUnit.MICROS.between(Instant.EPOCH, BASE);
    private static final long SPAN_MICROS = ChronoUnit.MICROS.between(BASE, Instant.parse("2025-03-01T00:00:00Z"));
    /** Serials between progress reports: often enough for a bar, rare enough to cost nothing. */
    private static final long PROGRESS_EVERY = 1 << 13;
    private static final String[] PLATFORMS = {
        "manylinux_2_17_x86_64.manylinux2014_x86_64", "manylinux_2_17_aarch64.manylinux2014_aarch64",
        "musllinux_1_2_x86_64", "win_amd64", "win32", "macosx_11_0_arm64", "macosx_10_9_x86_64",
    };

    private final BenchSpec spec;
    private final BulkSink sink;
    private final LongConsumer progress;
    private final SplittableRandom random;
    private final Names names;
    private final List<ProjectState> projects;
    private final String[] users;
    private final long stepMicros;
    private long serial;
    private long left;
    private long steps;

    private BenchGenerator(BenchSpec spec, BulkSink sink, LongConsumer progress) {
        this.spec = spec;
        this.sink = sink;
        this.progress = progress;
        this.random = new SplittableRandom(spec.seed());
        this.names = new Names(random);
        this.projects = new ArrayList<>(spec.projects());
        this.users = new String[spec.users()];
        this.stepMicros = Math.max(1, SPAN_MICROS / spec.journal());
    }

    /** Writes the whole index to {@code sink}; {@code progress} hears the serial now and then. */
    public static void generate(BenchSpec spec, BulkSink sink, LongConsumer progress) {
        new BenchGenerator(spec, sink, progress).run();
    }

    private void run() {
        for (int i = 0; i < users.length; i++) {
            users[i] = names.user();
            sink.user(i + 1, users[i], PASSWORD_HASH, BASE_MICROS - (users.length - i) * 1_000_000L);
        }
        while (serial < spec.journal()) {
            long remaining = spec.journal() - serial;
            int toCreate = spec.projects() - projects.size();
            boolean create = toCreate > 0 && (projects.isEmpty() || 2L * toCreate >= remaining
                    || random.nextDouble() * remaining < toCreate * meanStep());
            if (create) {
                left = remaining - 2L * (toCreate - 1);
                create();
            } else {
                left = remaining - 2L * toCreate;
                act(pick());
            }
            steps++;
        }
        for (ProjectState p : projects) {
            sink.project(p.id, p.name.display(), p.name.normalized(), p.createdMicros, p.lastSerial);
        }
        for (ProjectState p : projects) {
            for (int k = 0; k < p.releases; k++) {
                if (!p.removed.get(k)) {
                    String version = p.releaseVersions[k];
                    sink.release(p.id, version, Version.canonicalize(version), metadata(p, version), p.yanked.get(k),
                            p.releaseCreated[k]);
                }
            }
            sink.role(p.id, p.owner + 1, RoleName.Owner.name());
            if (p.secondRole != ProjectState.NO_SECOND_ROLE) {
                sink.role(p.id, p.secondUser + 1, (p.secondRole == ProjectState.SECOND_OWNER
                        ? RoleName.Owner : RoleName.Maintainer).name());
            }
        }
    }

    /** Entries per step so far: spreads project creation evenly over the journal. */
    private double meanStep() {
        return steps == 0 ? 3.0 : (double) serial / steps;
    }

    private void create() {
        ProjectName name = names.project();
        long created = time(serial + 1);
        int year = Instant.EPOCH.plus(created, ChronoUnit.MICROS).atZone(ZoneOffset.UTC).getYear();
        int owner = random.nextInt(users.length);
        ProjectState p = new ProjectState(projects.size() + 1, name, created, owner,
                new VersionSequence(random, year));
        projects.add(p);
        emit(p, null, Actions.CREATE, owner);
        emit(p, null, Actions.addRole(RoleName.Owner, users[owner]), owner);
        if (random.nextInt(100) < 85 && left > 0) {
            release(p);
        }
    }

    /** Old projects and recent ones are the busy ones. */
    private ProjectState pick() {
        int n = projects.size();
        int roll = random.nextInt(100);
        if (roll < 40) {
            return projects.get(random.nextInt(n));
        }
        if (roll < 70) {
            return projects.get(n - 1 - random.nextInt(Math.max(1, n / 50)));
        }
        double u = random.nextDouble();
        return projects.get((int) (n * u * u * u));
    }

    private void act(ProjectState p) {
        int roll = random.nextInt(100);
        if (p.liveReleases() == 0 || roll < 62) {
            release(p);
        } else if (roll < 74) {
            int k = p.latestLive();
            String tag = "cp3" + (8 + random.nextInt(6));
            String wheel = p.fileStem(k) + "-" + tag + "-" + tag + "-" + PLATFORMS[random.nextInt(PLATFORMS.length)]
                    + ".whl";
            emit(p, p.releaseVersions[k], Actions.addFile(tag, wheel), uploader(p));
        } else if (roll < 80) {
            int k = anyLive(p);
            emit(p, p.releaseVersions[k], Actions.removeFile(p.fileStem(k) + ".tar.gz"), uploader(p));
        } else if (roll < 85) {
            int k = anyLive(p);
            boolean unyank = p.yanked.get(k);
            p.yanked.set(k, !unyank);
            emit(p, p.releaseVersions[k], unyank ? Actions.UNYANK_RELEASE : Actions.YANK_RELEASE, uploader(p));
        } else if (roll < 87 && p.liveReleases() > 1) {
            int k = anyLive(p);
            p.removed.set(k);
            emit(p, p.releaseVersions[k], Actions.REMOVE_RELEASE, p.owner);
        } else if (roll < 94 && users.length > 1) {
            roleChange(p);
        } else {
            release(p);
        }
    }

    /** Called only with budget left: the release exists only with its {@code new release} entry. */
    private void release(ProjectState p) {
        String version = p.versions.next(random);
        int k = p.addRelease(version, time(serial + 1));
        int by = uploader(p);
        emit(p, version, Actions.NEW_RELEASE, by);
        String stem = p.fileStem(k);
        emit(p, version, Actions.addFile("source", stem + ".tar.gz"), by);
        int roll = random.nextInt(100);
        if (roll < 60) {
            String tag = roll < 15 ? "py2.py3" : "py3";
            emit(p, version, Actions.addFile(tag, stem + "-" + tag + "-none-any.whl"), by);
        } else if (roll < 75) {
            int first = 8 + random.nextInt(5);
            int last = first + random.nextInt(14 - first);
            for (int minor = first; minor < last; minor++) {
                String tag = "cp3" + minor;
                emit(p, version, Actions.addFile(tag, stem + "-" + tag + "-" + tag + "-" + PLATFORMS[0] + ".whl"), by);
            }
        }
    }

    private void roleChange(ProjectState p) {
        switch (p.secondRole) {
            case ProjectState.NO_SECOND_ROLE -> {
                int user = random.nextInt(users.length - 1);
                p.secondUser = user >= p.owner ? user + 1 : user;
                p.secondRole = ProjectState.SECOND_MAINTAINER;
                emit(p, null, Actions.addRole(RoleName.Maintainer, users[p.secondUser]), p.owner);
            }
            case ProjectState.SECOND_MAINTAINER -> {
                p.secondRole = ProjectState.SECOND_OWNER;
                emit(p, null, Actions.changeRole(RoleName.Maintainer, users[p.secondUser], RoleName.Owner), p.owner);
            }
            default -> {
                p.secondRole = ProjectState.NO_SECOND_ROLE;
                emit(p, null, Actions.removeRole(RoleName.Owner, users[p.secondUser]), p.owner);
            }
        }
    }

    private int anyLive(ProjectState p) {
        int k = random.nextInt(p.releases);
        return p.removed.get(k) ? p.latestLive() : k;
    }

    private int uploader(ProjectState p) {
        return p.secondRole != ProjectState.NO_SECOND_ROLE && random.nextInt(3) == 0 ? p.secondUser : p.owner;
    }

    /** Appends one entry if the step's budget allows (the journal's size is exact). */
    private void emit(ProjectState p, String version, String action, int by) {
        if (left == 0) {
            return;
        }
        left--;
        serial++;
        sink.journal(serial, p.name.display(), version, action, time(serial), users[by]);
        p.lastSerial = serial;
        if (serial % PROGRESS_EVERY == 0) {
            progress.accept(serial);
        }
    }

    private long time(long serialOf) {
        return BASE_MICROS + (serialOf - 1) * stepMicros;
    }

    private static String metadata(ProjectState p, String version) {
        return "{\"metadata_version\":[\"2.1\"],\"name\":[\"" + p.name.display() + "\"],\"version\":[\"" + version
                + "\"],\"summary\":[\"The " + p.name.display() + " project\"]}";
    }
}
