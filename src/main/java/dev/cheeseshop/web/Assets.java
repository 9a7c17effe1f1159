package dev.cheeseshop.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web pages' own files (the stylesheet, the copy button's script, the icon), served by
 * Cheeseshop itself from the jar: no CDN, nothing fetched by the browser from anywhere else, and
 * no build step. Each is named by a digest of its bytes ({@code cheeseshop.3f2a9c01de.css}), so
 * it can be cached for a year and a new release of Cheeseshop is never shown an old stylesheet.
 */
public final class Assets {
    /** An asset: its served name, media type and bytes. */
    public record Asset(String name, String contentType, byte[] body) {}

    private static final String[][] FILES = {
        {"cheeseshop.css", "text/css; charset=utf-8"},
        {"cheeseshop.js", "text/javascript; charset=utf-8"},
        {"favicon.svg", "image/svg+xml"},
    };

    private final Map<String, Asset> byServedName = new LinkedHashMap<>();
    private final Map<String, String> servedName = new LinkedHashMap<>();

    /** Loads every asset from the classpath. */
    public static Assets load() {
        return new Assets();
    }

    private Assets() {
        for (String[] file : FILES) {
            byte[] body = read(file[0]);
            String name = hashed(file[0], body);
            byServedName.put(name, new Asset(name, file[1], body));
            servedName.put(file[0], name);
        }
    }

    /** The asset served as {@code name}, if there is one. */
    public Optional<Asset> find(String name) {
        return Optional.ofNullable(byServedName.get(name));
    }

    public String css() {
        return servedName.get("cheeseshop.css");
    }

    public String js() {
        return servedName.get("cheeseshop.js");
    }

    public String icon() {
        return servedName.get("favicon.svg");
    }

    private static String hashed(String file, byte[] body) {
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 5);
            int dot = file.lastIndexOf('.');
            return file.substring(0, dot) + "." + digest + file.substring(dot);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static byte[] read(String file) {
        try (InputStream in = Assets.class.getResourceAsStream("static/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks web/static/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
