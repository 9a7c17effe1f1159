package dev.cheeseshop.store.blob;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK's client and presigner for an {@link S3Location}: the blocking HTTP client over the JDK's
 * {@code HttpURLConnection}, the location's endpoint, region and addressing, and the credentials
 * given (the SDK's default chain in the application: the standard AWS variables, then the profile).
 */
final class S3Clients {
    /** S3's own default region, when neither the command line nor the SDK's chain names one. */
    static final Region FALLBACK_REGION = Region.US_EAST_1;

    private S3Clients() {}

    static S3Client client(S3Location location, AwsCredentialsProvider credentials,
            ClientOverrideConfiguration overrides) {
        var builder = S3Client.builder()
                .overrideConfiguration(overrides)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials)
                .region(region(location))
                .serviceConfiguration(configuration(location));
        location.endpoint().ifPresent(builder::endpointOverride);
        if (location.endpoint().isPresent()) {
            // S3-compatible servers differ in their support of the SDK's newer default checksums
            // (CRC32 trailers in aws-chunked bodies): send and check them only where S3 demands them.
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    static S3Presigner presigner(S3Location location, AwsCredentialsProvider credentials) {
        var builder = S3Presigner.builder()
                .credentialsProvider(credentials)
                .region(region(location))
                .serviceConfiguration(configuration(location));
        location.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static S3Configuration configuration(S3Location location) {
        return S3Configuration.builder().pathStyleAccessEnabled(location.pathStyle()).build();
    }

    /** The location's region, else the SDK's from the environment or the profile (not EC2's metadata), else S3's default. */
    private static Region region(S3Location location) {
        if (location.region().isPresent()) {
            return Region.of(location.region().get());
        }
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                    .getRegion();
        } catch (SdkClientException e) {
            return FALLBACK_REGION;
        }
    }
}
