package dev.cheeseshop.dist;

import dev.cheeseshop.dist.DistProblem.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks every zip upload (wheel or zip sdist) passes before any member is read, in this
 * order: a zip and not also a tar; sound framing ({@link ZipArchive}); PyPI's bomb rule and the
 * total size limit, on the declared sizes; only stored or deflated members; safe member names.
 */
final class ZipPolicy {
    private ZipPolicy() {
    }

    static List<ZipArchive.Entry> open(Path file, FileChannel ch, Limits limits)
            throws IOException, DistProblem {
        boolean zip = ArchiveSniffer.findEocd(ch) >= 0;
        if (zip && ArchiveSniffer.isTar(file)) {
            throw DistProblem.of(Kind.ZIP_AND_TAR);
        }
        if (!zip) {
            throw DistProblem.of(Kind.NOT_A_ZIP);
        }
        List<ZipArchive.Entry> entries = ZipArchive.read(ch, limits);
        long total = 0;
        for (ZipArchive.Entry e : entries) {
            total = e.size() > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + e.size();
        }
        if (limits.exceedsRatio(total, ch.size())) {
            throw DistProblem.of(Kind.COMPRESSION_RATIO, limits.maxRatio());
        }
        if (total > limits.maxTotalUncompressed()) {
            throw DistProblem.of(Kind.TOO_LARGE_UNCOMPRESSED, limits.maxTotalUncompressed());
        }
        for (ZipArchive.Entry e : entries) {
            if (e.method() != ZipArchive.STORED && e.method() != ZipArchive.DEFLATED) {
                throw DistProblem.of(Kind.UNSUPPORTED_COMPRESSION);
            }
        }
        for (ZipArchive.Entry e : entries) {
            MemberPaths.check(e.name());
        }
        return entries;
    }
}
