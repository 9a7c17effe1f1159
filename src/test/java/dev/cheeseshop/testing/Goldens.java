package dev.cheeseshop.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The golden files in {@code src/test/resources/golden/}, written by the Python scripts beside
 * them (which {@code index/GoldenGeneratorsTest} runs to prove the committed files are theirs).
 */
public final class Goldens {
    private Goldens() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Goldens.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                return fail("no golden file " + name + " in src/test/resources/golden/");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /**
     * The ETag pypi.org would send with a golden page (WebOb's {@code md5_etag}), as
     * generate_simple.py computed it with Python's hashlib and base64 into simple-etags.tsv.
     */
    public static String etag(String name) {
        Map<String, String> etags = new LinkedHashMap<>();
        for (String line : text("simple-etags.tsv").split("\n")) {
            String[] fields = line.split("\t");
            etags.put(fields[0], fields[1]);
        }
        String etag = etags.get(name);
        return etag != null ? etag : fail("simple-etags.tsv has no ETag for " + name + ": " + etags.keySet());
    }
}
