package dev.cheeseshop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code serve --max-upload-size}: 100 MiB unless configured, in bytes or with a unit. */
class MaxUploadSizeOptionTest {
    private static long parsed(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.maxUploadSize;
    }

    @Test
    void theDefaultIs100MiB() {
        assumeTrue(System.getenv("CHEESESHOP_MAX_UPLOAD_SIZE") == null, "the environment sets the limit");
        assertThat(parsed()).isEqualTo(100L * 1024 * 1024);
    }

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "64KiB, 65536", "1MiB, 1048576", "100MB, 104857600", "1GiB, 1073741824"})
    void aConfiguredLimitIsTaken(String value, long bytes) {
        assertThat(parsed("--max-upload-size", value)).isEqualTo(bytes);
    }

    @Test
    void aLimitThatIsNoSizeIsRefused() {
        assertThatThrownBy(() -> parsed("--max-upload-size", "0")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("the size must be positive");
        assertThatThrownBy(() -> parsed("--max-upload-size", "lots")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'lots' is not a size such as 100MiB");
    }
}
