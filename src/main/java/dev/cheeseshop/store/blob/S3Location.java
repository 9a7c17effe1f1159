package dev.cheeseshop.store.blob;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an {@link S3BlobStore} keeps its blobs and how it reaches the service: a bucket, a key
 * prefix (empty, or segments ending in {@code /}), an endpoint for an S3-compatible server other
 * than AWS, a region, and whether buckets are addressed in the path ({@code http://host/bucket/key})
 * rather than the host name. Every factory checks its input and refuses it with an
 * {@link IllegalArgumentException} whose message says what is wrong.
 */
public record S3Location(String bucket, String prefix, Optional<URI> endpoint, Optional<String> region,
        boolean pathStyle) {
    /** S3's rules for bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public S3Location {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("invalid bucket name '" + printable(bucket)
                    + "': S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens");
        }
        if (!prefix.isEmpty()) {
            checkPrefix(prefix);
        }
        region.ifPresent(S3Location::checkRegion);
        endpoint.ifPresent(S3Location::checkEndpoint);
    }

    /**
     * {@code s3://BUCKET} or {@code s3://BUCKET/PREFIX}, with AWS's endpoint and the SDK's region
     * until {@link #withEndpoint} and {@link #withRegion} say otherwise; virtual-host addressing.
     */
    public static S3Location parse(String url) {
        if (url == null || !url.regionMatches(true, 0, "s3://", 0, 5)) {
            throw new IllegalArgumentException("expected s3://BUCKET or s3://BUCKET/PREFIX");
        }
        String rest = url.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return new S3Location(bucket, prefix.isEmpty() ? "" : prefix + "/", Optional.empty(), Optional.empty(), false);
    }

    /** This location reached through {@code url} (http or https), an S3-compatible server. */
    public S3Location withEndpoint(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // Not echoed: a user part may hold a secret.
            throw new IllegalArgumentException("invalid endpoint: " + e.getReason() + " at index " + e.getIndex());
        }
        return new S3Location(bucket, prefix, Optional.of(uri), region, pathStyle);
    }

    public S3Location withRegion(String name) {
        return new S3Location(bucket, prefix, endpoint, Optional.of(name), pathStyle);
    }

    public S3Location withPathStyle(boolean on) {
        return new S3Location(bucket, prefix, endpoint, region, on);
    }

    /** The object key of a blob's key. */
    String objectKey(String key) {
        return prefix + key;
    }

    /** How the location reads in messages and logs: it holds no secret. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix + endpoint.map(uri -> " at " + uri).orElse("");
    }

    private static void checkPrefix(String prefix) {
        String bare = prefix.substring(0, prefix.length() - 1);
        for (String segment : bare.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid key prefix '" + printable(bare)
                        + "': its segments must be non-empty and neither . nor ..");
            }
        }
        if (prefix.length() > 512 || prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new IllegalArgumentException("invalid key prefix '" + printable(bare)
                    + "': at most 512 characters, no control characters or backslashes");
        }
    }

    private static void checkRegion(String region) {
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("invalid region '" + printable(region)
                    + "': expected a name such as us-east-1");
        }
    }

    private static void checkEndpoint(URI uri) {
        // Checked first, and never echoed: a user part may hold a secret.
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("invalid endpoint: no user, query or fragment allowed"
                    + " (credentials come from the AWS variables or profile)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("invalid endpoint '" + printable(uri.toString())
                    + "': expected http://HOST[:PORT] or https://HOST[:PORT]");
        }
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
