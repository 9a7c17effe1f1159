package dev.cheeseshop.dist;

import dev.cheeseshop.dist.DistProblem.Kind;
import dev.cheeseshop.model.ProjectName;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The wheel half of {@link DistInspector}. */
final class WheelInspector {
    private WheelInspector() {
    }

    static WheelInfo inspect(Path file, String filename, Limits limits)
            throws IOException, DistProblem {
        // Warehouse takes name and version by splitting the filename at its first two dashes.
        String[] parts = filename.split("-", 3);
        if (parts.length < 3) {
            throw DistProblem.of(Kind.WHEEL_FILENAME_UNSPLITTABLE);
        }
        String name = parts[0];
        String expectedDir = name + "-" + parts[1] + ".dist-info";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            List<ZipArchive.Entry> entries = ZipPolicy.open(file, ch, limits);
            Map<String, ZipArchive.Entry> byName = new HashMap<>();
            TreeSet<String> infoDirs = new TreeSet<>();
            for (ZipArchive.Entry e : entries) {
                byName.put(e.name(), e);
                String top = e.name().split("/", 2)[0];
                if (top.endsWith(".dist-info")) {
                    infoDirs.add(top);
                }
            }
            String dir = distInfoDir(infoDirs, name, expectedDir);
            ZipArchive.Entry wheel = byName.get(dir + "/WHEEL");
            if (wheel == null) {
                throw DistProblem.of(Kind.WHEEL_FILE_MISSING, dir + "/WHEEL");
            }
            if (!byName.containsKey(dir + "/RECORD")) {
                throw DistProblem.of(Kind.RECORD_MISSING, filename, dir + "/RECORD");
            }
            ZipArchive.Entry metadata = byName.get(dir + "/METADATA");
            if (metadata == null) {
                throw DistProblem.of(Kind.METADATA_MISSING, filename, dir + "/METADATA");
            }
            int cap = limits.maxMetadataFileSize();
            byte[] metadataBytes = ZipMemberReader.read(ch, metadata, cap);
            byte[] wheelBytes = ZipMemberReader.read(ch, wheel, cap);
            ZipArchive.Entry entryPoints = byName.get(dir + "/entry_points.txt");
            byte[] entryPointBytes =
                    entryPoints == null ? null : ZipMemberReader.read(ch, entryPoints, cap);
            return new WheelInfo(dir, metadataBytes, wheelBytes, entryPointBytes,
                    ZipArchive.names(entries));
        }
    }

    /**
     * pip's rule: exactly one top-level {@code .dist-info} directory, named for the project in
     * the filename (compared PEP 503-normalised, version part ignored). pip only asks that the
     * directory start with the name, which lets {@code foo} claim {@code foobar-1.0.dist-info};
     * here the whole name part must match.
     */
    private static String distInfoDir(TreeSet<String> infoDirs, String name, String expectedDir)
            throws DistProblem {
        if (infoDirs.isEmpty()) {
            throw DistProblem.of(Kind.WHEEL_FILE_MISSING, expectedDir + "/WHEEL");
        }
        if (infoDirs.size() > 1) {
            throw DistProblem.of(Kind.MULTIPLE_DIST_INFO, String.join(", ", infoDirs));
        }
        String dir = infoDirs.first();
        String stem = dir.substring(0, dir.length() - ".dist-info".length());
        String project = ProjectName.normalize(name);
        // {name}-{version}: the name ends at the first dash (escaped names have none) or, for
        // old unescaped names, at the last one (normalised versions have none).
        int first = stem.indexOf('-');
        int last = stem.lastIndexOf('-');
        boolean matches = first < 0
                ? ProjectName.normalize(stem).equals(project)
                : ProjectName.normalize(stem.substring(0, first)).equals(project)
                        || ProjectName.normalize(stem.substring(0, last)).equals(project);
        if (!matches) {
            throw DistProblem.of(Kind.DIST_INFO_MISMATCH, PyRepr.of(dir), PyRepr.of(project));
        }
        return dir;
    }
}
