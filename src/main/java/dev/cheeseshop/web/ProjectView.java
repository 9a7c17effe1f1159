package dev.cheeseshop.web;

import dev.cheeseshop.index.ProjectOverview;
import dev.cheeseshop.model.Release;

/**
 * A project's page, or one release's: what was read ({@link ProjectOverview}), its description
 * as HTML that was sanitised when rendered (with a note when it could not be rendered as its type
 * says), and the commands for this index.
 */
public record ProjectView(Chrome chrome, ProjectOverview overview, Description description, Commands commands) {
    /** A description ready for the page: sanitised HTML, and a note for the reader when it fell back to plain text. */
    public record Description(String html, String note) {
        public static final Description NONE = new Description("", null);
    }

    public Release release() {
        return overview.release();
    }

    /** What {@code pip install} takes for the release shown: the name for the latest, else the pinned version. */
    public String requirement() {
        String name = overview.project().displayName();
        return overview.latest() ? name : name + "==" + overview.release().version();
    }
}
