package dev.cheeseshop.description;

import java.util.Objects;
import java.util.Optional;

/**
 * A release's description as a page shows it: sanitised HTML (a fragment, safe to put inside a
 * page as it is), the renderer that made it ({@link #MARKDOWN}, {@link #RST}, {@link #PLAIN}, or
 * {@link #EMPTY} for no description), and why it is not what its content type asked for, when the
 * text could not be rendered that way and is shown as plain text instead (for the uploader's eyes:
 * pypi.org shows nothing in that case, its {@code twine check} says why).
 */
public record RenderedDescription(String html, String renderer, Optional<String> problem) {
    public static final String MARKDOWN = "markdown";
    public static final String RST = "rst";
    public static final String PLAIN = "plain";
    public static final String EMPTY = "empty";

    /** No description: empty HTML. */
    public static final RenderedDescription NONE = new RenderedDescription("", EMPTY, Optional.empty());

    public RenderedDescription {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(renderer, "renderer");
        Objects.requireNonNull(problem, "problem");
    }

    /** As stored: the note null when there is none. */
    public static RenderedDescription of(String html, String renderer, String problem) {
        return new RenderedDescription(html, renderer, Optional.ofNullable(problem));
    }
}
