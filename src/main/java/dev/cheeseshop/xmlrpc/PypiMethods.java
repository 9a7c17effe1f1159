package dev.cheeseshop.xmlrpc;

import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.store.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * The methods PyPI registers on its XML-RPC endpoint, bound to this index: the mirroring trio
 * ({@code changelog_last_serial}, {@code changelog_since_serial}, {@code list_packages_with_serial}).
 */
public final class PypiMethods {
    private PypiMethods() {}

    public static MethodTable table(Journal journal, MetadataStore store) {
        return MethodTable.builder()
                .method("changelog_last_serial", args -> journal.lastSerial().map(Serial::value).orElse(null))
                .method("changelog_since_serial", args -> changelogSince(journal, args.integer("serial")),
                        Param.required("serial", ArgType.INT))
                .method("list_packages_with_serial", args -> listPackages(store))
                .build();
    }

    private static StreamingValue changelogSince(Journal journal, BigInteger serial) {
        Serial after = serial.signum() < 0 ? Serial.NONE
                : serial.bitLength() > 62 ? Serial.of(Long.MAX_VALUE) : Serial.of(serial.longValue());
        return out -> {
            out.beginArray();
            try {
                journal.since(after, entry -> write(out, entry));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.endArray();
        };
    }

    private static void write(ResponseWriter out, JournalEntry entry) {
        try {
            out.beginArray()
                    .value(entry.name());
            if (entry.version() == null) {
                out.nil();
            } else {
                out.value(entry.version());
            }
            out.value(entry.submitted().getEpochSecond())
                    .value(XmlText.sanitizeAction(entry.action()))
                    .value(entry.serial().value())
                    .endArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StreamingValue listPackages(MetadataStore store) {
        return out -> {
            out.beginStruct();
            try {
                store.read(tx -> {
                    tx.projects().forEachLastSerial((name, lastSerial) -> {
                        try {
                            out.member(name).value(lastSerial);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    return null;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.endStruct();
        };
    }
}
