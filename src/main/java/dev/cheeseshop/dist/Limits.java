package dev.cheeseshop.dist;

/**
 * Resource limits for reading one uploaded archive. They bound the memory and CPU an upload can
 * cost, whatever its headers claim. {@link #DEFAULT} is meant for production; tests and special
 * deployments make their own.
 *
 * @param maxMembers most members an archive may have (zip central directory records, tar
 *     members). Default 100,000: the biggest wheels and sdists on PyPI have a few tens of
 *     thousands of files, and each member costs a little memory here and a lot of time in
 *     installers.
 * @param maxTotalUncompressed most bytes the members may expand to in total: declared sizes for a
 *     zip (its members are never all inflated), bytes actually inflated for a tar.gz (it is read
 *     through once). Default 4 GiB: above the largest wheels published (CUDA builds expand to 2-3
 *     GB), and about what a 100 MiB upload (PyPI's default file limit) can reach under the ratio
 *     rule below; it caps the seconds of inflating one sdist costs.
 * @param maxMetadataFileSize most bytes of one member read into memory ({@code METADATA},
 *     {@code WHEEL}, {@code PKG-INFO}, {@code entry_points.txt}). Default 8 MiB: real ones are
 *     kilobytes, the largest are long READMEs of a few hundred.
 * @param ratioMinSize together with {@code maxRatio}, PyPI's decompression-bomb rule: an archive
 *     expanding to more than {@code ratioMinSize} bytes and more than {@code maxRatio} times its
 *     own size is refused. Default 64 MiB, as on PyPI.
 * @param maxRatio see {@code ratioMinSize}. Default 50, as on PyPI.
 * @param maxNameBytes most bytes all member names may take together (names are kept in memory, in
 *     the result and for the structural checks). Default 64 MiB, about 600 bytes per member at
 *     the member limit; real archives use a tenth of that.
 */
public record Limits(int maxMembers, long maxTotalUncompressed, int maxMetadataFileSize,
        long ratioMinSize, int maxRatio, long maxNameBytes) {

    private static final long MIB = 1024L * 1024;

    /** The production limits described above. */
    public static final Limits DEFAULT =
            new Limits(100_000, 4096 * MIB, 8 * (int) MIB, 64 * MIB, 50, 64 * MIB);

    public Limits {
        if (maxMembers < 1 || maxTotalUncompressed < 1 || maxMetadataFileSize < 1
                || ratioMinSize < 0 || maxRatio < 1 || maxNameBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * True when {@code uncompressed} bytes from a file of {@code compressed} bytes break the
     * bomb rule.
     */
    boolean exceedsRatio(long uncompressed, long compressed) {
        if (uncompressed <= ratioMinSize) {
            return false;
        }
        // uncompressed / compressed > maxRatio, without overflow or division.
        return compressed <= 0 || uncompressed / maxRatio > compressed
                || (uncompressed / maxRatio == compressed && uncompressed % maxRatio != 0);
    }
}
