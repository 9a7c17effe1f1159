package dev.cheeseshop.web;

import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Serial;
import java.util.List;
import java.util.Optional;

/**
 * A page of a project's whole history, oldest first: its journal entries after a serial, and the
 * serial the next page starts after, if there is one.
 */
public record HistoryView(Chrome chrome, Project project, List<JournalEntry> entries, Optional<Serial> next) {
    public HistoryView {
        entries = List.copyOf(entries);
    }
}
