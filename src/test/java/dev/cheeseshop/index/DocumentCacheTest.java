package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.index.DocumentCache.Key;
import dev.cheeseshop.model.Serial;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The render cache: hits at the same serial, misses at another, and its byte bound. */
class DocumentCacheTest {
    private static final Key FOO = new Key("simple-html", "foo");

    @Test
    void aDocumentIsRenderedOncePerSerial() {
        DocumentCache cache = new DocumentCache(1 << 20);
        AtomicInteger renders = new AtomicInteger();
        Rendered first = cache.get(FOO, Serial.of(5), () -> render("v5", 5, renders));
        Rendered again = cache.get(FOO, Serial.of(5), () -> render("other", 5, renders));
        assertThat(again).isSameAs(first);
        assertThat(renders).hasValue(1);
        assertThat(cache.stats().hits()).isEqualTo(1);
    }

    @Test
    void anotherSerialIsAMissAndReplacesTheEntry() {
        DocumentCache cache = new DocumentCache(1 << 20);
        AtomicInteger renders = new AtomicInteger();
        cache.get(FOO, Serial.of(5), () -> render("v5", 5, renders));
        Rendered newer = cache.get(FOO, Serial.of(6), () -> render("v6", 6, renders));
        assertThat(renders).hasValue(2);
        assertThat(cache.lookup(FOO, Serial.of(6))).containsSame(newer);
        assertThat(cache.lookup(FOO, Serial.of(5))).isEmpty();
        assertThat(cache.stats().entries()).isEqualTo(1);
    }

    @Test
    void anOlderRenderingNeverReplacesANewerOne() {
        DocumentCache cache = new DocumentCache(1 << 20);
        cache.put(FOO, Rendered.of(bytes("v6"), Serial.of(6)));
        cache.put(FOO, Rendered.of(bytes("v5"), Serial.of(5)));
        assertThat(cache.lookup(FOO, Serial.of(6))).isPresent();
    }

    @Test
    void kindsAreCachedApart() {
        DocumentCache cache = new DocumentCache(1 << 20);
        cache.put(FOO, Rendered.of(bytes("html"), Serial.of(5)));
        assertThat(cache.lookup(new Key("simple-json", "foo"), Serial.of(5))).isEmpty();
    }

    @Test
    void theByteBoundIsKeptByEvictingTheLeastRecentlyUsed() {
        long bound = 10 * (1000 + DocumentCache.ENTRY_OVERHEAD);
        DocumentCache cache = new DocumentCache(bound);
        for (int i = 0; i < 10; i++) {
            cache.put(new Key("k", "p" + i), Rendered.of(new byte[1000], Serial.of(1)));
        }
        assertThat(cache.stats().entries()).isEqualTo(10);
        assertThat(cache.lookup(new Key("k", "p0"), Serial.of(1))).isPresent(); // p0 is now the most recent
        for (int i = 10; i < 15; i++) {
            cache.put(new Key("k", "p" + i), Rendered.of(new byte[1000], Serial.of(1)));
            assertThat(cache.stats().bytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(cache.stats().entries()).isEqualTo(10);
        assertThat(cache.stats().evictions()).isEqualTo(5);
        assertThat(cache.lookup(new Key("k", "p0"), Serial.of(1))).isPresent();
        assertThat(cache.lookup(new Key("k", "p1"), Serial.of(1))).isEmpty();
        assertThat(cache.lookup(new Key("k", "p14"), Serial.of(1))).isPresent();
    }

    @Test
    void aDocumentTooLargeForTheCacheIsServedButNotKept() {
        DocumentCache cache = new DocumentCache(4000);
        Rendered big = cache.get(FOO, Serial.of(1), () -> Rendered.of(new byte[2000], Serial.of(1)));
        assertThat(big.body()).hasSize(2000);
        assertThat(cache.stats().entries()).isZero();
        assertThat(cache.stats().bytes()).isZero();
    }

    @Test
    void aZeroSizedCacheKeepsNothing() {
        DocumentCache cache = new DocumentCache(0);
        cache.put(FOO, Rendered.of(bytes("x"), Serial.of(1)));
        assertThat(cache.stats().entries()).isZero();
    }

    @Test
    void etagsAreTheUnpaddedBase64Md5OfTheBytesAsPypiMakesThem() {
        // python3 -c 'import base64,hashlib; print(base64.b64encode(hashlib.md5(b"hello").digest()).decode().rstrip("="))'
        assertThat(Rendered.etagOf(bytes("hello"))).isEqualTo("\"XUFAKrxLKna5cZ2REBfFkg\"");
        assertThat(Rendered.of(bytes("a"), Serial.of(1)).etag()).isNotEqualTo(Rendered.of(bytes("b"), Serial.of(1)).etag());
    }

    private static Rendered render(String text, long serial, AtomicInteger renders) {
        renders.incrementAndGet();
        return Rendered.of(bytes(text), Serial.of(serial));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
