package dev.cheeseshop.store;

import java.util.List;

/**
 * One page of search results: its number (from 1) and size, how many projects match in all, and
 * the page's hits in rank order.
 */
public record SearchPage(int page, int pageSize, long total, List<SearchHit> hits) {
    public SearchPage {
        hits = List.copyOf(hits);
    }

    /** How many pages the matches fill (0 when none match). */
    public long pageCount() {
        return (total + pageSize - 1) / pageSize;
    }

    /** Whether a page follows this one. */
    public boolean hasNext() {
        return (long) page * pageSize < total;
    }

    /** Whether a page comes before this one. */
    public boolean hasPrevious() {
        return page > 1;
    }
}
