package dev.cheeseshop.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemberPathsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c.py", "a/", "./a/b", "a/..b", "a/b..", "...", "a/./b"})
    void safeNames(String name) {
        assertThat(MemberPaths.isSafe(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a", "..", "a/..", "../a", "a/../../b", "a\\b", "C:/a", "z:a",
            "a\u0000b", "a\nb", "a\u007fb"})
    void unsafeNames(String name) {
        assertThat(MemberPaths.isSafe(name)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo-1.0/PKG-INFO      | foo-1.0/PKG-INFO",
        "./foo-1.0/PKG-INFO    | foo-1.0/PKG-INFO",
        "foo-1.0//a/./b        | foo-1.0/a/b",
        "./                    | ''",
        ".                     | ''",
    })
    void normalize(String name, String expected) {
        assertThat(MemberPaths.normalize(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "top/a/link  | ../b        | true  | true",
        "top/a/link  | ../../x     | true  | true",
        "top/a/link  | ../../../x  | true  | false",
        "top/link    | ../x        | true  | true",
        "top/link    | ../../x     | true  | false",
        "top/link    | /etc/passwd | true  | false",
        "top/link    | top/x       | false | true",
        "top/link    | ../x        | false | false",
        "top/link    | ''          | true  | false",
        "top/link    | a\\..\\..\\x | true  | false",
    })
    void linkTargets(String link, String target, boolean symbolic, boolean inside) {
        assertThat(MemberPaths.linkStaysInside(link, target, symbolic)).isEqualTo(inside);
    }
}
