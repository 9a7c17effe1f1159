package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the pages write a URL into a shell command and into TOML. (That the results read back as the
 * URL, through a real {@code sh} and Python's {@code tomllib}, is checked over HTTP in
 * {@code HomePageTest}.)
 */
class CommandsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "https://pypi.example.org/simple/            | https://pypi.example.org/simple/",
        "http://127.0.0.1:8080/a%20b/+c=d,e@f/       | http://127.0.0.1:8080/a%20b/+c=d,e@f/",
        "https://x/a&b/                              | 'https://x/a&b/'",
        "https://x/it's/                             | 'https://x/it'\\''s/'",
        "http://[::1]:8080/                          | 'http://[::1]:8080/'",
        "https://x/~user/                            | 'https://x/~user/'",
        "https://x/$(id);*/                          | 'https://x/$(id);*/'",
    })
    void aShellWordIsQuotedOnlyWhenTheShellWouldReadACharacter(String url, String word) {
        assertThat(Commands.shellWord(url)).isEqualTo(word);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "https://x/simple/   | \"https://x/simple/\"",
        "https://x/a\"b\\c/  | \"https://x/a\\\"b\\\\c/\"",
        "`a\tb`              | \"a\\u0009b\"",
    })
    void aTomlStringEscapesQuotesBackslashesAndControlCharacters(String text, String toml) {
        assertThat(Commands.tomlString(text)).isEqualTo(toml);
    }
}
