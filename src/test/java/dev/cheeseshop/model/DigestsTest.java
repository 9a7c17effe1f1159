package dev.cheeseshop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestsTest {
    private static final String B2 = "d773c16e5f3f" + "0".repeat(52);

    @Test
    void storagePathIsPypisContentAddressedLayout() {
        Digests digests = new Digests("0".repeat(32), "1".repeat(64), B2);
        assertThat(digests.storagePath("demo-1.0.tar.gz"))
                .isEqualTo("d7/73/c16e5f3f" + "0".repeat(52) + "/demo-1.0.tar.gz");
    }

    @Test
    void refusesAnythingButLowerCaseHex() {
        assertThatThrownBy(() -> new Digests("0".repeat(32), "A".repeat(64), B2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Digests("0".repeat(31), "1".repeat(64), B2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
