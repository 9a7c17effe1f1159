package dev.cheeseshop.http;

import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.ManagedProjects;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.web.AccountLinks;
import dev.cheeseshop.web.Chrome;
import dev.cheeseshop.web.ManageNotices;
import dev.cheeseshop.web.ManagePaths;
import dev.cheeseshop.web.ManageView;
import dev.cheeseshop.web.MessageView;
import dev.cheeseshop.web.WebPages;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;

/**
 * What the management pages' handlers share: the signed-in user (an anonymous visitor is sent
 * to log in, 303, and comes back), the form of a POST with the session's CSRF token checked
 * (403, and nothing done, without it), the pages sent as their user sees them (the header's
 * account links filled in, {@code Cache-Control: no-store}: they carry the token), a refusal of
 * a use case shown in an alert with its kind's status, and the redirect after a change
 * (Post/Redirect/Get, naming the change as a {@link ManageNotices} key).
 */
final class ManageForms {
    private final WebPages pages;
    private final WebSessions sessions;
    private final SessionCookie cookies;
    private final LinkBase linkBase;
    private final ManagedProjects reads;

    ManageForms(WebPages pages, WebSessions sessions, SessionCookie cookies, LinkBase linkBase,
            ManagedProjects reads) {
        this.pages = pages;
        this.sessions = sessions;
        this.cookies = cookies;
        this.linkBase = linkBase;
        this.reads = reads;
    }

    ManagedProjects reads() {
        return reads;
    }

    WebPages pages() {
        return pages;
    }

    Chrome chrome(Exchange exchange) {
        return pages.chrome(linkBase.base(exchange));
    }

    /** The session of the request; empty, having sent a redirect to the login page (and back here), without one. */
    Optional<WebSession> signedIn(Exchange exchange) throws IOException {
        return signedIn(exchange, exchange.path().substring(1));
    }

    /** As {@link #signedIn(Exchange)}, coming back after the login to the site path {@code back}. */
    private Optional<WebSession> signedIn(Exchange exchange, String back) throws IOException {
        Optional<WebSession> session = cookies.resolve(exchange, sessions);
        if (session.isEmpty()) {
            Chrome chrome = chrome(exchange);
            WebHandlers.security(exchange);
            exchange.header("Cache-Control", "no-store");
            exchange.redirect(303, chrome.link("account/login/?next=" + URLEncoder.encode(chrome.root() + back, StandardCharsets.UTF_8)));
        }
        return session;
    }

    /**
     * The session and the fields of a POST that carries the session's CSRF token; empty, having
     * answered (a redirect to log in, then back to the project's page, which a GET can show; or
     * 403), otherwise.
     */
    Optional<Post> post(Exchange exchange) throws IOException {
        Optional<WebSession> session = signedIn(exchange,
                ManagePaths.project(ProjectName.normalize(exchange.param("name"))));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<Fields> form = SessionForms.fields(exchange, sessions, session.get());
        if (form.isEmpty()) {
            send(exchange, 403, session.get(), pages.pages().refused(new MessageView(chrome(exchange), "Forbidden",
                    "The form was not sent from a page of this site, or the page is too old. Reload the page and"
                            + " retry: nothing was changed.")));
            return Optional.empty();
        }
        return Optional.of(new Post(session.get(), form.get()));
    }

    /** A POST's session and fields. */
    record Post(WebSession session, Fields fields) {
        /** The field's value, or "" when it was not sent. */
        String field(String name) {
            String value = fields.getValue(name);
            return value == null ? "" : value;
        }
    }

    /**
     * The project's management page with {@code done} (a notice key) or {@code error} (the refusal
     * of a change), answered with {@code status}; the refusal page when the user may not see it.
     */
    void project(Exchange exchange, WebSession session, String name, String done, String error, int status)
            throws IOException {
        ManagedProjects.ManagedProject managed;
        try {
            managed = reads.project(session.user(), name);
        } catch (ManageProblem problem) {
            refused(exchange, session, problem);
            return;
        }
        if (!managed.project().normalizedName().equals(name) && status == 200) { // a GET by another spelling
            exchange.redirect(301, chrome(exchange).link(ManagePaths.project(managed.project().normalizedName())));
            return;
        }
        send(exchange, status, session, pages.pages().manage(new ManageView(chrome(exchange), session.csrfToken(),
                managed, ManageNotices.text(done), error)));
    }

    /** A change's refusal on the project's page, with the problem's status. */
    void failed(Exchange exchange, WebSession session, String name, ManageProblem problem) throws IOException {
        project(exchange, session, name, null, problem.getMessage(), problem.kind().status());
    }

    /** The refusal page of {@code problem}, with its status. */
    void refused(Exchange exchange, WebSession session, ManageProblem problem) throws IOException {
        String title = switch (problem.kind()) {
            case BAD_REQUEST -> "Bad request";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case THROTTLED, BUSY -> "Try again later";
        };
        send(exchange, problem.kind().status(), session, pages.pages().refused(new MessageView(chrome(exchange),
                title, problem.getMessage())));
    }

    /** After a change: 303 to the project's page (by its normalised name) saying what was done. */
    void done(Exchange exchange, String projectName, String notice) throws IOException {
        WebHandlers.security(exchange);
        exchange.redirect(303, chrome(exchange).link(ManagePaths.project(ProjectName.normalize(projectName))
                + "?done=" + notice));
    }

    /** After a change that leaves no project page: 303 to the user's projects, saying what was done. */
    void doneProjects(Exchange exchange, String notice) throws IOException {
        WebHandlers.security(exchange);
        exchange.redirect(303, chrome(exchange).link(ManagePaths.projects() + "?done=" + notice));
    }

    /** Sends a management page as its user sees it, never stored by a cache. */
    void send(Exchange exchange, int status, WebSession session, byte[] page) throws IOException {
        WebHandlers.sendPrivate(exchange, status, pages.pages().forUser(page, new AccountLinks(chrome(exchange),
                session.user().username(), session.csrfToken())));
    }
}
