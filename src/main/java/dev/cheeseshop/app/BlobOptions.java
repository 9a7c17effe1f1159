package dev.cheeseshop.app;

import dev.cheeseshop.store.blob.S3Location;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that say where distribution files live, taken by every command that opens the
 * index (through {@link DataOption}): {@code --blobs s3://BUCKET[/PREFIX]} and how to reach the
 * bucket. Without {@code --blobs}, files live under the data directory.
 */
final class BlobOptions {
    @Option(names = "--blobs", paramLabel = "URL", defaultValue = "${env:CHEESESHOP_BLOBS}",
            description = "Where distribution files live: s3://BUCKET or s3://BUCKET/PREFIX for an S3 bucket, with"
                    + " credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the AWS profile. The index owns"
                    + " every object under the prefix (the whole bucket without one): reconcile removes those no file"
                    + " names (env CHEESESHOP_BLOBS; default: packages/ in the data directory).")
    String blobs;

    @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:CHEESESHOP_S3_ENDPOINT}",
            description = "An S3-compatible server to use instead of AWS, e.g. http://127.0.0.1:9000"
                    + " (env CHEESESHOP_S3_ENDPOINT).")
    String endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "${env:CHEESESHOP_S3_REGION}",
            description = "The bucket's region (env CHEESESHOP_S3_REGION; default: AWS_REGION or the AWS profile's,"
                    + " else us-east-1).")
    String region;

    @Option(names = "--s3-path-style", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:CHEESESHOP_S3_PATH_STYLE}",
            description = "Name the bucket in the URL's path rather than its host name, as most S3-compatible"
                    + " servers need (env CHEESESHOP_S3_PATH_STYLE; default: true with --s3-endpoint, else false).")
    Boolean pathStyle;

    /** The blob settings these options give, without redirects; bad values are the command's one error line. */
    BlobSettings settings() {
        if (blank(blobs)) {
            for (String[] given : new String[][] {{"--s3-endpoint", endpoint}, {"--s3-region", region}}) {
                if (!blank(given[1])) {
                    throw new CommandFailure(given[0] + " needs --blobs s3://BUCKET[/PREFIX]");
                }
            }
            if (pathStyle != null) {
                throw new CommandFailure("--s3-path-style needs --blobs s3://BUCKET[/PREFIX]");
            }
            return BlobSettings.LOCAL;
        }
        return s3("--blobs", blobs, endpoint, region, pathStyle);
    }

    /**
     * The settings of files in the bucket {@code blobs} names (the value of {@code option}), reached
     * as the S3 options say; bad values are the command's one error line.
     */
    static BlobSettings s3(String option, String blobs, String endpoint, String region, Boolean pathStyle) {
        S3Location location;
        try {
            location = S3Location.parse(blobs.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid " + option + " '" + blobs.replaceAll("\\p{Cntrl}", "?") + "': "
                    + e.getMessage() + " (omit it for files under the data directory)");
        }
        try {
            location = blank(endpoint) ? location : location.withEndpoint(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid --s3-endpoint: " + e.getMessage());
        }
        try {
            location = blank(region) ? location : location.withRegion(region.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("invalid --s3-region: " + e.getMessage());
        }
        boolean pathStyleOn = pathStyle != null ? pathStyle : !blank(endpoint);
        return new BlobSettings(Optional.of(location.withPathStyle(pathStyleOn)), false);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
