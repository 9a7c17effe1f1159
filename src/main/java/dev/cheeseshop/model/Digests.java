package dev.cheeseshop.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The three digests PyPI keeps for every file, as lower-case hex: MD5 (legacy, still shown in the
 * JSON API), SHA-256 (what installers check) and BLAKE2b-256 (what storage paths are made of).
 */
public record Digests(String md5, String sha256, String blake2b256) {
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Digests {
        require(MD5, md5, "md5");
        require(HEX64, sha256, "sha256");
        require(HEX64, blake2b256, "blake2b_256");
    }

    private static void require(Pattern pattern, String value, String what) {
        Objects.requireNonNull(value, what);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not a lower-case hex " + what + " digest: " + value);
        }
    }

    /**
     * The content-addressed storage path of a file with these digests, as PyPI lays it out:
     * {@code <b2[0:2]>/<b2[2:4]>/<b2[4:]>/<filename>}.
     */
    public String storagePath(String filename) {
        return blake2b256.substring(0, 2) + "/" + blake2b256.substring(2, 4) + "/"
                + blake2b256.substring(4) + "/" + filename;
    }
}
