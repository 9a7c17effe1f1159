package dev.cheeseshop.http;

import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.auth.WebSessions;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;

/**
 * The one rule for a browser form that changes something: it was sent from a page of this site.
 * Two checks, both needed: the form carries the CSRF token of the session (or, for the login
 * form, of the login cookie), which a page of another site cannot read; and the browser does not
 * say the request comes from another site ({@code Sec-Fetch-Site: cross-site}, which every
 * current browser sends and no page can forge), a second line should a token ever leak. A
 * request without the header (a script, an old browser) is judged by the token alone.
 *
 * <p>The handlers decide how to answer a refusal (a 403 page, or a redirect to log in first);
 * what counts as one is decided only here.
 */
final class SessionForms {
    private SessionForms() {}

    /** The fields of a form sent from this site with {@code session}'s CSRF token; empty otherwise. */
    static Optional<Fields> fields(Exchange exchange, WebSessions sessions, WebSession session) throws IOException {
        return fromThisSite(exchange).filter(fields ->
                sessions.csrfValid(session, fields.getValue(SessionCookie.CSRF_FIELD)));
    }

    /** The fields of a form not sent from another site (its token still to be checked); empty otherwise. */
    static Optional<Fields> fromThisSite(Exchange exchange) throws IOException {
        if (crossSite(exchange)) {
            return Optional.empty();
        }
        return FormBody.read(exchange);
    }

    /** The browser says the request was started by a page of another site. */
    static boolean crossSite(Exchange exchange) {
        return exchange.header("Sec-Fetch-Site").map(site -> site.trim().toLowerCase(Locale.ROOT))
                .filter("cross-site"::equals).isPresent();
    }
}
