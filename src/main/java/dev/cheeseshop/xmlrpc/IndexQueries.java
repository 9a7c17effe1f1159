package dev.cheeseshop.xmlrpc;

import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.RoleStore.Grant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/**
 * PyPI's working XML-RPC methods over this index's journal and store. Large answers (the
 * changelog, the project listing, browse) stream from one read snapshot straight to the response.
 */
final class IndexQueries implements PypiMethods.Queries {
    private final Journal journal;
    private final MetadataStore store;

    IndexQueries(Journal journal, MetadataStore store) {
        this.journal = journal;
        this.store = store;
    }

    @Override
    public Object changelogLastSerial() {
        return journal.lastSerial().map(Serial::value).orElse(null);
    }

    @Override
    public Object changelogSinceSerial(BigInteger serial) {
        Serial after = serial.signum() < 0 ? Serial.NONE
                : serial.bitLength() > 62 ? Serial.of(Long.MAX_VALUE) : Serial.of(serial.longValue());
        return (StreamingValue) out -> {
            out.beginArray();
            streaming(() -> journal.since(after, entry -> write(out, entry)));
            out.endArray();
        };
    }

    @Override
    public Object listPackagesWithSerial() {
        return (StreamingValue) out -> {
            out.beginStruct();
            streaming(() -> store.read(tx -> {
                tx.projects().forEach(project -> unchecked(() ->
                        out.member(project.displayName()).value(project.lastSerial().value())));
                return null;
            }));
            out.endStruct();
        };
    }

    /** Direct roles only, Owners first, then by username regardless of case (as PyPI orders them). */
    @Override
    public Object packageRoles(String packageName) {
        String normalized = ProjectName.normalize(packageName);
        return store.read(tx -> tx.projects().find(normalized)
                .map(project -> pairs(tx.roles().forProject(project.id()), true))
                .orElse(List.of()));
    }

    /** Owners first, then by project display name. */
    @Override
    public Object userPackages(String username) {
        return store.read(tx -> tx.users().find(username)
                .map(user -> pairs(tx.roles().forUser(user.id()), false))
                .orElse(List.of()));
    }

    @Override
    public Object browse(List<String> classifiers) {
        return (StreamingValue) out -> {
            out.beginArray();
            streaming(() -> store.read(tx -> {
                tx.releases().withAllClassifiers(classifiers, release -> unchecked(() ->
                        out.beginArray().value(release.projectName()).value(release.version()).endArray()));
                return null;
            }));
            out.endArray();
        };
    }

    private static List<List<String>> pairs(List<Grant> grants, boolean byUser) {
        return grants.stream()
                .map(g -> List.of(g.role().name(), byUser ? g.username() : g.projectName()))
                .toList();
    }

    private static void write(ResponseWriter out, JournalEntry entry) {
        unchecked(() -> {
            out.beginArray().value(entry.name());
            if (entry.version() == null) {
                out.nil();
            } else {
                out.value(entry.version());
            }
            out.value(entry.submitted().getEpochSecond())
                    .value(XmlText.sanitizeAction(entry.action()))
                    .value(entry.serial().value())
                    .endArray();
        });
    }

    /** Writing to the response inside a store callback, which cannot throw IOException. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private static void unchecked(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void streaming(Runnable work) throws IOException {
        try {
            work.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
