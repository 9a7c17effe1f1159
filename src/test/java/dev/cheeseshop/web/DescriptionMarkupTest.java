package dev.cheeseshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A description's headings go under the page's, keeping their distances; its column headers get a scope. */
class DescriptionMarkupTest {
    @Test
    void theHighestHeadingBecomesAnH3AndTheOthersFollow() {
        assertThat(DescriptionMarkup.forPage("<h1>A</h1><p>x</p><h2>B</h2><h3>C</h3>"))
                .isEqualTo("<h3>A</h3><p>x</p><h4>B</h4><h5>C</h5>");
        assertThat(DescriptionMarkup.forPage("<h4>A</h4><h5>B</h5>")).isEqualTo("<h3>A</h3><h4>B</h4>");
        assertThat(DescriptionMarkup.forPage("<h1>A</h1><h6>Z</h6>")).isEqualTo("<h3>A</h3><h6>Z</h6>");
    }

    @Test
    void columnHeadersGetTheirScopeAndOtherMarkupIsKept() {
        assertThat(DescriptionMarkup.forPage("<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"))
                .isEqualTo("<table><thead><tr><th scope=\"col\">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>");
        assertThat(DescriptionMarkup.forPage("<p>plain <a href=\"https://x/\" rel=\"nofollow\">x</a></p>"))
                .isEqualTo("<p>plain <a href=\"https://x/\" rel=\"nofollow\">x</a></p>");
        assertThat(DescriptionMarkup.forPage("")).isEmpty();
    }
}
