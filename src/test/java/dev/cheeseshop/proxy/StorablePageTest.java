package dev.cheeseshop.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.model.UpstreamFile;
import dev.cheeseshop.model.UpstreamPage;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Control characters from an upstream never reach the store: files named with one go, other texts are mended. */
class StorablePageTest {
    private static UpstreamFile file(String filename, String requiresPython, String yanked) {
        return new UpstreamFile(filename, URI.create("https://up.example/f/" + filename.replaceAll("[^a-z0-9.-]", "")),
                Optional.of("ab".repeat(32)), OptionalLong.of(3), Optional.empty(), Optional.ofNullable(requiresPython),
                Optional.ofNullable(yanked), Optional.empty());
    }

    @Test
    void aFileNamedWithAControlCharacterIsDroppedAndOtherTextsAreMended() {
        UpstreamPage page = new UpstreamPage("foo", "Fo\u0000o", Optional.of("\"e\u0000\""), OptionalLong.of(7), List.of(
                file("foo-1.0.tar.gz\u0000.exe", null, null),
                file("foo-1.1.tar.gz", ">=3.8\u0000", "bad\u001b[31m"),
                file("foo-1.2.tar.gz", ">=3.8", null)));

        UpstreamPage stored = StorablePage.of(page);

        assertThat(stored.displayName()).isEqualTo("Fo\uFFFDo");
        assertThat(stored.etag()).contains("\"e\uFFFD\"");
        assertThat(stored.serial()).hasValue(7);
        assertThat(stored.files()).extracting(UpstreamFile::filename).containsExactly("foo-1.1.tar.gz", "foo-1.2.tar.gz");
        assertThat(stored.files().get(0).requiresPython()).contains(">=3.8\uFFFD");
        assertThat(stored.files().get(0).yanked()).contains("bad\uFFFD[31m");
        assertThat(stored.files().get(1)).isEqualTo(page.files().get(2));
    }

    @Test
    void aCleanPageIsKeptAsItIs() {
        UpstreamPage page = new UpstreamPage("foo", "Foo", Optional.empty(), OptionalLong.empty(),
                List.of(file("foo-1.0.tar.gz", null, "")));
        assertThat(StorablePage.of(page)).isEqualTo(page);
    }
}
