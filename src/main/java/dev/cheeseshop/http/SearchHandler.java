package dev.cheeseshop.http;

import dev.cheeseshop.index.ProjectSearch;
import dev.cheeseshop.store.SearchPage;
import dev.cheeseshop.web.Chrome;
import dev.cheeseshop.web.SearchView;
import dev.cheeseshop.web.WebPages;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /search/?q=WORDS&c=CLASSIFIER&page=N}: projects by name, summary and keywords, an
 * exact name first, then names that start with the words, then the best matches of the full text
 * ({@link ProjectSearch}), twenty to a page, narrowed to the projects that carry every classifier
 * chosen. Each search is read as it is asked (one read transaction): it is not cached.
 */
final class SearchHandler {
    private final ProjectSearch search;
    private final WebPages pages;
    private final WebHandlers web;
    private final LinkBase linkBase;

    SearchHandler(ProjectSearch search, WebPages pages, WebHandlers web, LinkBase linkBase) {
        this.search = search;
        this.pages = pages;
        this.web = web;
        this.linkBase = linkBase;
    }

    void register(Routes routes) {
        routes.get("/search/", this::search)
                .get("/search", exchange -> exchange.redirect(301, Headers.withQuery(exchange.path() + "/", exchange)));
    }

    private void search(Exchange exchange) throws IOException {
        Fields query = exchange.query();
        String text = query.getValue("q");
        text = text == null ? "" : text.strip();
        List<String> classifiers = query.getValuesOrEmpty("c").stream().filter(c -> !c.isBlank()).distinct().toList();
        SearchPage results = search.search(text, classifiers, page(query.getValue("page")));
        Chrome chrome = pages.chrome(linkBase.base(exchange)).searching(text);
        web.answerUncached(exchange, pages.pages().search(new SearchView(chrome, text, classifiers, results,
                search.classifiers())));
    }

    /** The page asked for; 1 when absent or not a number (the use case bounds it). */
    private static int page(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
