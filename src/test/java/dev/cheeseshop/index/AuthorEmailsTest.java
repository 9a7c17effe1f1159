package dev.cheeseshop.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RSS {@code <author>} against CPython's answers (src/test/resources/rss/author-emails.jsonl,
 * made by generate_author_emails.py beside it with a strict {@code email.utils.getaddresses}).
 */
class AuthorEmailsTest {
    record Case(String authorEmail, String author) {
        @Override
        public String toString() {
            String shown = authorEmail == null ? "None" : authorEmail.isEmpty() ? "(empty)" : authorEmail;
            return "[" + shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "]";
        }
    }

    static List<Case> cases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                AuthorEmailsTest.class.getResourceAsStream("/rss/author-emails.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode node = json.readTree(line);
                cases.add(new Case(text(node.get("author_email")), text(node.get("author"))));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsPypiDoes(Case c) {
        assertThat(AuthorEmails.format(c.authorEmail())).isEqualTo(Optional.ofNullable(c.author()));
    }

    @Test
    void theTableCoversPypisOwnCases() throws IOException {
        assertThat(cases()).extracting(Case::authorEmail).contains(null, "", "UNKNOWN", "noreply@pypi.org, UNKNOWN",
                "No Reply <noreply@pypi.org>");
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
