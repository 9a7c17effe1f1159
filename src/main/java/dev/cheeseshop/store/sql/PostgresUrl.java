package dev.cheeseshop.store.sql;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the PostgreSQL metadata store is, in the form the command line takes:
 * {@code postgresql://USER@HOST[:PORT]/DB[?sslmode=MODE]} ({@code postgres://} too, as libpq
 * accepts). The password is never part of it: a URL with one is refused, so that no password
 * ends up in a shell history, a process list or a log. Error messages never repeat the URL.
 *
 * @param sslmode one of libpq's modes, or null for the driver's default
 */
public record PostgresUrl(String user, String host, int port, String database, String sslmode) {
    public static final int DEFAULT_PORT = 5432;
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,63}");

    public PostgresUrl {
        if (user == null || !NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("the user must be 1 to 63 printable characters");
        }
        if (database == null || !NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("the database name must be 1 to 63 printable characters");
        }
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("a host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be 1 to 65535");
        }
        if (sslmode != null && !SSL_MODES.contains(sslmode)) {
            throw new IllegalArgumentException("sslmode must be one of disable, allow, prefer, require, verify-ca,"
                    + " verify-full");
        }
    }

    /** Whether {@code value} is meant as a PostgreSQL URL (it may still be a malformed one). */
    public static boolean looksLikeOne(String value) {
        return value.startsWith("postgresql:") || value.startsWith("postgres:");
    }

    /** Parses the URL; the exception's message says what is wrong without repeating it. */
    public static PostgresUrl parse(String value) {
        if (!looksLikeOne(value)) {
            throw new IllegalArgumentException("expected postgresql://USER@HOST[:PORT]/DB");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (expected postgresql://USER@HOST[:PORT]/DB)");
        }
        String userInfo = uri.getUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("a password in the URL is refused: give it in"
                    + " CHEESESHOP_DATABASE_PASSWORD or a pgpass file");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("expected postgresql://USER@HOST[:PORT]/DB, with a host name");
        }
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException("a user is required: postgresql://USER@HOST[:PORT]/DB");
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException("a URL fragment ('#...') has no meaning here");
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("a database name is required: postgresql://USER@HOST[:PORT]/DB");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new PostgresUrl(userInfo, host, port, path.substring(1), sslmode(uri.getRawQuery()));
    }

    private static String sslmode(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        if (!query.startsWith("sslmode=") || query.contains("&")) {
            throw new IllegalArgumentException("the only query parameter taken is sslmode=MODE");
        }
        String mode = query.substring("sslmode=".length());
        if (!SSL_MODES.contains(mode)) {
            throw new IllegalArgumentException("sslmode must be one of disable, allow, prefer, require, verify-ca,"
                    + " verify-full");
        }
        return mode;
    }

    /** The driver's URL, without user or password (those go to the driver as properties). */
    public String jdbcUrl() {
        String server = host.contains(":") ? "[" + host + "]" : host;
        String url = "jdbc:postgresql://" + server + ":" + port + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return sslmode == null ? url : url + "?sslmode=" + sslmode;
    }

    /** The URL in the command line's form, with no password (there never is one). */
    @Override
    public String toString() {
        String server = host.contains(":") ? "[" + host + "]" : host;
        return "postgresql://" + user + "@" + server + ":" + port + "/" + database
                + (sslmode == null ? "" : "?sslmode=" + sslmode);
    }
}
