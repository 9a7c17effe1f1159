package dev.cheeseshop.web;

import dev.cheeseshop.store.SearchPage;
import dev.cheeseshop.store.SearchStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The search page: the words searched for, the classifiers chosen, one page of projects found and
 * the classifiers to choose from.
 */
public record SearchView(Chrome chrome, String query, List<String> chosen, SearchPage results,
        List<SearchStore.ClassifierCount> choices) {
    public SearchView {
        chosen = List.copyOf(chosen);
        choices = List.copyOf(choices);
    }

    /** Whether anything was asked: words or classifiers (else the page only offers the form). */
    public boolean asked() {
        return !query.isBlank() || !chosen.isEmpty();
    }

    public boolean isChosen(String classifier) {
        return chosen.contains(classifier);
    }

    /** The site path of page {@code page} of the same search. */
    public String pageLink(long page) {
        StringBuilder link = new StringBuilder("search/?q=").append(encode(query));
        for (String classifier : chosen) {
            link.append("&c=").append(encode(classifier));
        }
        return link.append("&page=").append(page).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
