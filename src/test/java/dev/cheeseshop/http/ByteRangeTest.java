package dev.cheeseshop.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final String ETAG = "\"abc\"";

    private static ByteRange parse(String header) {
        return ByteRange.parse(Optional.ofNullable(header), Optional.empty(), ETAG, 100);
    }

    @Test
    void noHeaderIsTheWholeFile() {
        assertThat(parse(null)).isEqualTo(new ByteRange(0, 99, false, false));
    }

    @Test
    void aClosedRange() {
        assertThat(parse("bytes=0-9")).isEqualTo(new ByteRange(0, 9, true, false));
        assertThat(parse("bytes=0-9").length()).isEqualTo(10);
    }

    @Test
    void anOpenRangeRunsToTheEnd() {
        assertThat(parse("bytes=90-")).isEqualTo(new ByteRange(90, 99, true, false));
    }

    @Test
    void aSuffixRangeIsTheLastBytes() {
        assertThat(parse("bytes=-10")).isEqualTo(new ByteRange(90, 99, true, false));
        assertThat(parse("bytes=-1000")).isEqualTo(new ByteRange(0, 99, true, false));
    }

    @Test
    void anEndPastTheFileIsClipped() {
        assertThat(parse("bytes=50-5000")).isEqualTo(new ByteRange(50, 99, true, false));
    }

    @Test
    void aStartPastTheFileCannotBeSatisfied() {
        assertThat(parse("bytes=100-").unsatisfiable()).isTrue();
        assertThat(parse("bytes=-0").unsatisfiable()).isTrue();
    }

    @Test
    void severalRangesOrNonsenseGetTheWholeFile() {
        assertThat(parse("bytes=0-1,5-6").partial()).isFalse();
        assertThat(parse("items=0-1").partial()).isFalse();
        assertThat(parse("bytes=9-3").partial()).isFalse();
        assertThat(parse("bytes=99999999999999999999999-").partial()).isFalse();
    }

    @Test
    void ifRangeWithAnotherEtagGetsTheWholeFile() {
        assertThat(ByteRange.parse(Optional.of("bytes=0-9"), Optional.of("\"other\""), ETAG, 100).partial()).isFalse();
        assertThat(ByteRange.parse(Optional.of("bytes=0-9"), Optional.of(ETAG), ETAG, 100).partial()).isTrue();
    }
}
