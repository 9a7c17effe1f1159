package dev.cheeseshop.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A sanitised description fitted into its page, for the page's outline and its tables: a README's
 * {@code # Title} would be a second {@code h1} on a page that has one, and a screen reader's outline
 * would jump, so the description's highest heading becomes an {@code h3} (under the page's
 * "Project description", an {@code h2}) and the others follow it, keeping their distances,
 * {@code h6} at most; and a table's header cells in its {@code thead} say they head columns
 * ({@code scope="col"}). Nothing is added that the sanitiser would refuse: only tag names change
 * and one fixed attribute is set.
 */
final class DescriptionMarkup {
    private static final int TOP = 3;

    private DescriptionMarkup() {}

    static String forPage(String html) {
        if (html.isEmpty() || !(containsHeading(html) || html.contains("<th"))) {
            return html;
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        int highest = 7;
        for (Element heading : doc.body().select("h1, h2, h3, h4, h5, h6")) {
            highest = Math.min(highest, heading.tagName().charAt(1) - '0');
        }
        int shift = highest == 7 ? 0 : TOP - highest;
        for (Element heading : doc.body().select("h1, h2, h3, h4, h5, h6")) {
            int level = heading.tagName().charAt(1) - '0';
            heading.tagName("h" + Math.min(6, Math.max(1, level + shift)));
        }
        for (Element th : doc.body().select("thead th:not([scope])")) {
            th.attr("scope", "col");
        }
        return doc.body().html();
    }

    private static boolean containsHeading(String html) {
        for (int i = 1; i <= 6; i++) {
            if (html.contains("<h" + i)) {
                return true;
            }
        }
        return false;
    }
}
