package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cheeseshop.store.blob.S3Location;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code --blobs} and the S3 options, on every command that opens the index, and {@code serve --blob-redirect}. */
class BlobOptionsTest {
    @BeforeAll
    static void noEnvironment() {
        for (String name : new String[] {"CHEESESHOP_BLOBS", "CHEESESHOP_S3_ENDPOINT", "CHEESESHOP_S3_REGION",
            "CHEESESHOP_S3_PATH_STYLE", "CHEESESHOP_BLOB_REDIRECT"}) {
            assumeTrue(System.getenv(name) == null, "the environment sets " + name);
        }
    }

    private static BlobSettings reconcile(String... args) {
        ReconcileCommand command = new ReconcileCommand();
        new CommandLine(command).parseArgs(args);
        return command.data.blobs.settings();
    }

    @Test
    void withoutBlobsTheFilesStayUnderTheDataDirectory() {
        assertThat(reconcile()).isEqualTo(BlobSettings.LOCAL);
    }

    @Test
    void aBucketWithPrefixEndpointAndRegion() {
        BlobSettings settings = reconcile("--blobs", "s3://cheese-files/pypi/main/", "--s3-endpoint",
                "http://127.0.0.1:9000", "--s3-region", "eu-west-3");
        S3Location location = settings.s3().orElseThrow();
        assertThat(location.bucket()).isEqualTo("cheese-files");
        assertThat(location.prefix()).isEqualTo("pypi/main/");
        assertThat(location.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(location.region()).contains("eu-west-3");
        assertThat(location.pathStyle()).as("the default with an endpoint").isTrue();
        assertThat(settings.redirect()).isFalse();
    }

    @Test
    void awsGetsVirtualHostAddressingUnlessAskedOtherwise() {
        S3Location aws = reconcile("--blobs", "s3://cheese-files").s3().orElseThrow();
        assertThat(aws.prefix()).isEmpty();
        assertThat(aws.endpoint()).isEmpty();
        assertThat(aws.pathStyle()).isFalse();
        assertThat(reconcile("--blobs", "s3://cheese-files", "--s3-path-style").s3().orElseThrow().pathStyle()).isTrue();
        assertThat(reconcile("--blobs", "s3://cheese-files", "--s3-endpoint", "https://s3.example.org",
                "--s3-path-style=false").s3().orElseThrow().pathStyle()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--blobs=/srv/files | invalid --blobs '/srv/files': expected s3://BUCKET or s3://BUCKET/PREFIX",
        "--blobs=s3:// | invalid bucket name ''",
        "--blobs=s3://Cheese | invalid bucket name 'Cheese'",
        "--blobs=s3://cheese/a//b | invalid key prefix 'a//b'",
        "--blobs=s3://cheese/../up | invalid key prefix '../up'",
        "--s3-endpoint=http://127.0.0.1:9000 | --s3-endpoint needs --blobs s3://BUCKET[/PREFIX]",
        "--s3-region=eu-west-3 | --s3-region needs --blobs s3://BUCKET[/PREFIX]",
        "--s3-path-style | --s3-path-style needs --blobs s3://BUCKET[/PREFIX]",
    })
    void badValuesAreOneClearMessage(String option, String message) {
        assertThatThrownBy(() -> reconcile(option)).isInstanceOf(CommandFailure.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://files.example.org | invalid --s3-endpoint: invalid endpoint 'ftp://files.example.org': expected http",
        "127.0.0.1:9000 | invalid --s3-endpoint",
        "http://key:secret@files.example.org | invalid --s3-endpoint: invalid endpoint: no user, query or fragment",
    })
    void aBadEndpointIsRefusedWithoutEchoingCredentials(String endpoint, String message) {
        assertThatThrownBy(() -> reconcile("--blobs", "s3://cheese", "--s3-endpoint", endpoint))
                .isInstanceOf(CommandFailure.class).hasMessageStartingWith(message).hasMessageNotContaining("secret");
    }

    @Test
    void aBadRegionIsRefused() {
        assertThatThrownBy(() -> reconcile("--blobs", "s3://cheese", "--s3-region", "eu west"))
                .isInstanceOf(CommandFailure.class).hasMessageContaining("invalid --s3-region: invalid region 'eu west'");
    }

    @Test
    void everyCommandThatOpensTheIndexTakesTheOptions() {
        for (Object command : new Object[] {new ServeCommand(), new ReconcileCommand(), new UserCommand(),
            new TokenCommand()}) {
            CommandLine line = new CommandLine(command);
            for (CommandLine sub : line.getSubcommands().isEmpty() ? java.util.List.of(line)
                    : line.getSubcommands().values()) {
                assertThat(sub.getCommandSpec().findOption("--blobs")).as(sub.getCommandName()).isNotNull();
                assertThat(sub.getCommandSpec().findOption("--s3-endpoint")).as(sub.getCommandName()).isNotNull();
            }
        }
    }

    @Test
    void blobRedirectNeedsABucket() {
        assertThatThrownBy(() -> new BlobSettings(Optional.empty(), true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--blob-redirect needs --blobs s3://BUCKET[/PREFIX]");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--blobs", "s3://cheese", "--blob-redirect");
        assertThat(serve.blobRedirect).isTrue();
    }
}
