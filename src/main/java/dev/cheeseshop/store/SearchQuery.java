package dev.cheeseshop.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search as the user typed it, bounded: the text (its first {@value #MAX_TEXT} characters),
 * the classifiers every hit must carry (the first {@value #MAX_CLASSIFIERS} distinct ones), the
 * page (from 1) and its size.
 *
 * <p>The text is user input and is never given to SQL as an expression: it is cut into
 * {@link #terms} (runs of letters and digits, lower-cased, NFC, at most {@value #MAX_TERMS} of at
 * most {@value #MAX_TERM} characters), which each store quotes as literal words of its full-text
 * syntax, and a {@link #nameKey}, the terms joined by {@code -}: the PEP 503 form of the words as
 * a project name ({@code Requests_OAuth} and {@code requests oauth} both give
 * {@code requests-oauth}), since a name holds only letters, digits and the separators
 * {@code -_.}.
 */
public record SearchQuery(String text, List<String> classifiers, int page, int pageSize) {
    public static final int MAX_TEXT = 256;
    public static final int MAX_TERMS = 16;
    public static final int MAX_TERM = 64;
    public static final int MAX_CLASSIFIERS = 20;
    public static final int MAX_CLASSIFIER = 512;
    public static final int MAX_PAGE_SIZE = 100;

    public SearchQuery {
        text = text == null ? "" : text.length() > MAX_TEXT ? cut(text, MAX_TEXT) : text;
        classifiers = classifiers.stream().filter(c -> c != null && !c.isBlank()).map(SearchQuery::storable)
                .distinct().limit(MAX_CLASSIFIERS).toList();
        if (page < 1) {
            throw new IllegalArgumentException("page " + page + " < 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size " + pageSize);
        }
    }

    /** The words of the text: runs of letters and digits, lower-cased, in order, bounded. */
    public List<String> terms() {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        List<String> terms = new ArrayList<>();
        StringBuilder term = new StringBuilder();
        for (int i = 0; i <= normal.length() && terms.size() < MAX_TERMS; ) {
            int cp = i < normal.length() ? normal.codePointAt(i) : ' ';
            if (Character.isLetterOrDigit(cp)) {
                if (term.codePointCount(0, term.length()) < MAX_TERM) {
                    term.appendCodePoint(cp);
                }
            } else if (!term.isEmpty()) {
                terms.add(term.toString());
                term.setLength(0);
            }
            i += Character.charCount(cp);
        }
        return terms;
    }

    /** The terms as a PEP 503 normalised project name ({@code -} between them); empty without terms. */
    public String nameKey() {
        return String.join("-", terms());
    }

    /** How many rows come before this page. */
    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    /**
     * The classifier with what no stored text holds (NUL, which PostgreSQL refuses, and halves of
     * surrogate pairs, which no encoding carries) replaced by U+FFFD, and at most
     * {@value #MAX_CLASSIFIER} characters: a filter that matches nothing, rather than a failure.
     */
    private static String storable(String classifier) {
        String cut = classifier.length() > MAX_CLASSIFIER ? cut(classifier, MAX_CLASSIFIER) : classifier;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < cut.length()
                    && Character.isLowSurrogate(cut.charAt(i + 1));
            if (pair) {
                out.append(c).append(cut.charAt(++i));
            } else {
                out.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** The first {@code max} characters, a surrogate pair never cut in half. */
    private static String cut(String text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
