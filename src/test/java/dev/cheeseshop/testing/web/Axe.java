package dev.cheeseshop.testing.web;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

/**
 * axe-core, the accessibility engine, run in the browser on the page it shows: its rules for
 * WCAG 2.0 and 2.1 at levels A and AA ({@link #WCAG_21_AA}), each page as the browser laid it out
 * (colour contrast is measured on the rendered page, in the current viewport and colour scheme).
 *
 * <p>The script comes from the npm package {@code axe-core} in {@code browser-tools/} and is put
 * into the page through WebDriver, so it is not subject to the page's Content-Security-Policy and
 * needs no change to what the server sends. On a page loaded with scripts disabled
 * ({@link Browser#javascript}) scripts are turned on for the time of the run only: axe answers
 * through a promise, which needs them; the page as loaded is what it checks.
 */
public final class Axe {
    /** The tags of the rules that check WCAG 2.1 level AA (2.0 A and AA, 2.1 A and AA). */
    public static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            const nodes = ns => ns.map(n => ({
                target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)),
                html: n.html, failureSummary: n.failureSummary || ''}));
            const rules = rs => rs.map(r => ({
                id: r.id, impact: r.impact || '', help: r.help, helpUrl: r.helpUrl, nodes: nodes(r.nodes)}));
            axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                .then(r => done(JSON.stringify({violations: rules(r.violations), incomplete: rules(r.incomplete)})),
                      e => done(JSON.stringify({error: String(e && e.stack || e)})));
            """;

    private static String source;

    private Axe() {}

    /** One element a rule found. */
    public record Node(List<String> target, String html, String failureSummary) {}

    /** A rule and the elements it found: a violation, or (in {@link Report#incomplete}) one to review by hand. */
    public record Violation(String id, String impact, String help, String helpUrl, List<Node> nodes) {
        public String describe() {
            return id + " (" + impact + "): " + help + "\n  " + helpUrl
                    + nodes.stream().map(n -> "\n  at " + String.join(" ", n.target()) + ": " + n.html()
                            + "\n    " + n.failureSummary().replace("\n", "\n    "))
                            .collect(Collectors.joining());
        }
    }

    /** What axe found: the violations, and what it could not decide (which does not fail a page). */
    public record Report(List<Violation> violations, List<Violation> incomplete) {}

    private record Answer(List<Violation> violations, List<Violation> incomplete, String error) {}

    /** Runs the WCAG 2.1 AA rules on the browser's current page. */
    public static Report run(Browser browser) {
        var driver = browser.driver();
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object';"))) {
            driver.executeScript(source());
        }
        // axe answers through a promise, which does not settle while scripts are disabled.
        boolean blocked = !browser.javascript();
        Object answer;
        try {
            if (blocked) {
                browser.javascript(true);
            }
            answer = driver.executeAsyncScript(RUN, WCAG_21_AA);
        } finally {
            if (blocked) {
                browser.javascript(false);
            }
        }
        try {
            Answer parsed = JSON.readValue((String) answer, Answer.class);
            if (parsed.error() != null) {
                fail("axe failed on %s: %s", driver.getCurrentUrl(), parsed.error());
            }
            return new Report(parsed.violations(), parsed.incomplete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WCAG 2.1 AA violations on the browser's current page. */
    public static List<Violation> violations(Browser browser) {
        return run(browser).violations();
    }

    /** Fails, listing each rule and element, if the current page has a WCAG 2.1 AA violation. */
    public static void assertNoViolations(Browser browser) {
        assertNoViolations(browser, browser.driver().getCurrentUrl() + " at " + browser.viewport().name());
    }

    /** As {@link #assertNoViolations(Browser)}, naming the page {@code name} in the message. */
    public static void assertNoViolations(Browser browser, String name) {
        List<Violation> violations = violations(browser);
        if (!violations.isEmpty()) {
            fail("%s: %d axe-core violation(s) of WCAG 2.1 AA:\n%s", name, violations.size(),
                    violations.stream().map(Violation::describe).collect(Collectors.joining("\n")));
        }
    }

    private static synchronized String source() {
        if (source == null) {
            try {
                source = Files.readString(BrowserTools.axeScript());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
