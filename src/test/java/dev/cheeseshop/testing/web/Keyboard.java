package dev.cheeseshop.testing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A person with a keyboard: Tab pressed from the top of the page until focus leaves it or comes
 * round again, noting each element that takes focus and whether a person would see where the focus
 * is (a {@code :focus-visible} element drawn with an outline or a box shadow). Keys go through
 * WebDriver's actions, as real key events, so the browser's own focus order is what is seen.
 */
public final class Keyboard {
    private static final int MAX_TABS = 500;

    private static final String FOCUSED = """
            const e = document.activeElement;
            if (!e || e === document.body || e === document.documentElement) return null;
            const s = getComputedStyle(e);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            const shadow = s.boxShadow !== '' && s.boxShadow !== 'none';
            const text = (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
            const attrs = ['id', 'href', 'name', 'type'].filter(a => e.hasAttribute(a))
                .map(a => '[' + a + '="' + e.getAttribute(a) + '"]').join('');
            return [e, e.localName + attrs + (text ? ' "' + text.slice(0, 60) + '"' : ''),
                    e.matches(':focus-visible') && (outline || shadow), 'outline: ' + s.outline + '; box-shadow: ' + s.boxShadow];
            """;
    private static final String FOCUSABLE = """
            const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary,'
                + ' iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
            return [...document.querySelectorAll(selector)].filter(e => !e.disabled && e.tabIndex >= 0
                && e.checkVisibility({visibilityProperty: true}) && !e.closest('[inert]'));
            """;

    private Keyboard() {}

    /**
     * One element that took focus: its description ({@code a[href="/simple/"] "The Simple index"}),
     * whether the focus was visible, and the outline and box shadow it had.
     */
    public record Focus(WebElement element, String description, boolean focusVisible, String style) {
        @Override
        public String toString() {
            return description + (focusVisible ? "" : " (focus not visible: " + style + ")");
        }
    }

    /** Presses Tab from the top of the current page until focus leaves the page or returns to the first element. */
    public static List<Focus> tabThrough(Browser browser) {
        var driver = browser.driver();
        driver.executeScript("if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);");
        List<Focus> seen = new ArrayList<>();
        for (int i = 0; i < MAX_TABS; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            List<?> focused = (List<?>) driver.executeScript(FOCUSED);
            if (focused == null) {
                return seen;
            }
            Focus focus = new Focus((WebElement) focused.get(0), (String) focused.get(1),
                    (Boolean) focused.get(2), (String) focused.get(3));
            if (!seen.isEmpty() && seen.get(0).element().equals(focus.element())) {
                return seen;
            }
            seen.add(focus);
        }
        throw new AssertionError("focus did not leave the page after " + MAX_TABS + " tabs: " + seen);
    }

    /**
     * The elements a person should reach with Tab, in document order: links, buttons, form fields,
     * summaries, frames and elements with a tabindex of 0 or more, when enabled, rendered and not inert.
     */
    @SuppressWarnings("unchecked")
    public static List<WebElement> focusable(Browser browser) {
        return (List<WebElement>) browser.driver().executeScript(FOCUSABLE);
    }

    /**
     * Tabs through the page and fails unless every {@link #focusable} element took focus, in document
     * order, and every element that took focus showed it. Answers what was focused.
     */
    public static List<Focus> assertEveryControlReachable(Browser browser) {
        List<WebElement> wanted = focusable(browser);
        List<Focus> tabbed = tabThrough(browser);
        List<WebElement> reached = tabbed.stream().map(Focus::element).toList();
        assertThat(reached).as("the Tab order %s", tabbed).containsSubsequence(wanted);
        List<Focus> hidden = tabbed.stream().filter(f -> !f.focusVisible()).toList();
        assertThat(hidden).as("elements whose focus is not visible").isEmpty();
        return tabbed;
    }

    /** The descriptions of the focused elements, for assertions on the order. */
    public static List<String> descriptions(List<Focus> tabbed) {
        return tabbed.stream().map(Focus::description).collect(Collectors.toList());
    }
}
