package dev.cheeseshop.http;

import dev.cheeseshop.auth.Login;
import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.auth.WebSessions;
import dev.cheeseshop.manage.CreateToken;
import dev.cheeseshop.manage.ListTokens;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.RevokeToken;
import dev.cheeseshop.manage.UserManagement;
import dev.cheeseshop.web.AccountLinks;
import dev.cheeseshop.web.AccountView;
import dev.cheeseshop.web.AccountView.NewToken;
import dev.cheeseshop.web.AccountView.TokenForm;
import dev.cheeseshop.web.Chrome;
import dev.cheeseshop.web.Commands;
import dev.cheeseshop.web.MessageView;
import dev.cheeseshop.web.TokenExpiry;
import dev.cheeseshop.web.WebPages;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.jetty.util.Fields;

/**
 * The account page of a signed-in user, {@code /account/}: their API tokens, created and revoked
 * through the same use cases as {@code /api/v1/tokens}, and their password, changed through
 * {@link UserManagement} as the API changes it. An anonymous visitor is sent to the login page.
 *
 * <p>Every POST carries the session's CSRF token, checked before anything else (403, nothing
 * changed). A revocation and a password change answer with a redirect (Post/Redirect/Get) to the
 * page with a notice; a creation answers with the page itself, 200 and {@code no-store}, since it
 * holds the new token's secret, which must sit in no URL, history entry or cache. A refusal shows
 * the page again with the use case's message beside its form, with the problem's HTTP status.
 * Every answer is {@code no-store}: the page carries the session's CSRF token.
 */
final class AccountHandlers {
    /** The notices a redirect may ask for, by its query's {@code done} value: only these, never free text. */
    private static final Map<String, String> NOTICES = Map.of(
            "revoked", "The token was revoked: it authenticates nothing from now on.",
            "password", "Your password was changed. Every other session of yours has ended.");

    private final WebPages pages;
    private final WebSessions sessions;
    private final SessionCookie cookies;
    private final LinkBase linkBase;
    private final ListTokens list;
    private final CreateToken create;
    private final RevokeToken revoke;
    private final UserManagement users;
    private final Clock clock;

    AccountHandlers(WebPages pages, WebSessions sessions, SessionCookie cookies, LinkBase linkBase, ListTokens list,
            CreateToken create, RevokeToken revoke, UserManagement users, Clock clock) {
        this.pages = pages;
        this.sessions = sessions;
        this.cookies = cookies;
        this.linkBase = linkBase;
        this.list = list;
        this.create = create;
        this.revoke = revoke;
        this.users = users;
        this.clock = clock;
    }

    void register(Routes routes) {
        routes.get("/account/", this::page)
                .get("/account", exchange -> exchange.redirect(301, Headers.withQuery(exchange.path() + "/", exchange)))
                .post("/account/tokens/", this::createToken)
                .post("/account/tokens/revoke/", this::revokeToken)
                .post("/account/password/", this::changePassword);
    }

    /** What a form post has: the session it came from and its fields, its CSRF token checked. */
    private record Post(WebSession session, Fields fields) {}

    private void page(Exchange exchange) throws IOException {
        Optional<WebSession> session = cookies.resolve(exchange, sessions);
        if (session.isEmpty()) {
            String account = chrome(exchange).link("account/");
            exchange.header("Cache-Control", "no-store");
            exchange.redirect(303, chrome(exchange).link("account/login/") + "?next=" + account);
            return;
        }
        String done = exchange.query().getValue("done");
        String notice = done == null ? null : NOTICES.get(done);
        show(exchange, 200, view(exchange, session.get(), null, notice, null, TokenForm.EMPTY, null));
    }

    private void createToken(Exchange exchange) throws IOException {
        Optional<Post> post = post(exchange);
        if (post.isEmpty()) {
            return;
        }
        WebSession session = post.get().session();
        Fields fields = post.get().fields();
        String name = value(fields, "name");
        String projects = value(fields, "projects");
        Optional<TokenExpiry> expiry = TokenExpiry.parse(fields.getValue("expires"));
        TokenForm typed = new TokenForm(name, projects, expiry.orElse(TokenExpiry.NEVER));
        if (expiry.isEmpty()) {
            show(exchange, 400, view(exchange, session, null, null, "Expires: choose one of the expiries offered",
                    typed, null));
            return;
        }
        try {
            CreateToken.Created created = create.asPrincipal(session.principal(), new CreateToken.Request(name,
                    projects(projects), expiry.get().from(clock.instant())));
            NewToken shown = new NewToken(created.token().name(), created.secret(),
                    Commands.of(linkBase.base(exchange)));
            show(exchange, 200, view(exchange, session, shown, null, null, TokenForm.EMPTY, null));
        } catch (ManageProblem problem) {
            retryAfter(exchange, problem);
            show(exchange, problem.kind().status(), view(exchange, session, null, null,
                    capitalized(problem.getMessage()), typed, null));
        }
    }

    private void revokeToken(Exchange exchange) throws IOException {
        Optional<Post> post = post(exchange);
        if (post.isEmpty()) {
            return;
        }
        WebSession session = post.get().session();
        String problem;
        int status;
        try {
            revoke.asPrincipal(session.principal(), Long.parseLong(value(post.get().fields(), "id")));
            exchange.redirect(303, chrome(exchange).link("account/") + "?done=revoked");
            return;
        } catch (NumberFormatException e) {
            problem = "Id: not a token's id";
            status = 400;
        } catch (ManageProblem refused) {
            problem = capitalized(refused.getMessage());
            status = refused.kind().status();
        }
        show(exchange, status, view(exchange, session, null, null, problem, TokenForm.EMPTY, null));
    }

    private void changePassword(Exchange exchange) throws IOException {
        Optional<Post> post = post(exchange);
        if (post.isEmpty()) {
            return;
        }
        WebSession session = post.get().session();
        Fields fields = post.get().fields();
        String newPassword = value(fields, "new");
        if (!newPassword.equals(value(fields, "repeat"))) {
            show(exchange, 400, view(exchange, session, null, null, null, TokenForm.EMPTY,
                    "The new password and its repetition differ: nothing was changed."));
            return;
        }
        try {
            users.changePassword(session.principal(), exchange.remoteAddress(), session.user().username(),
                    value(fields, "current"), newPassword, OptionalLong.of(session.id()));
            exchange.redirect(303, chrome(exchange).link("account/") + "?done=password");
        } catch (ManageProblem problem) {
            retryAfter(exchange, problem);
            show(exchange, problem.kind().status(), view(exchange, session, null, null, null, TokenForm.EMPTY,
                    capitalized(problem.getMessage())));
        }
    }

    /**
     * The session and fields of a form post whose CSRF token is the session's; otherwise answers
     * 403 (no session, no form, no token or another one) and is empty.
     */
    private Optional<Post> post(Exchange exchange) throws IOException {
        Optional<WebSession> session = cookies.resolve(exchange, sessions);
        Optional<Fields> form = session.isEmpty() ? Optional.empty()
                : SessionForms.fields(exchange, sessions, session.get());
        if (form.isEmpty()) {
            WebHandlers.security(exchange);
            exchange.header("Cache-Control", "no-store");
            exchange.send(403, Headers.HTML, pages.pages().message(new MessageView(chrome(exchange), "Forbidden",
                    session.isEmpty() ? "You are not logged in, or your session has ended. Log in and retry."
                            : "The form was not sent from a page of this site. Reload the page and retry.")));
            return Optional.empty();
        }
        return Optional.of(new Post(session.get(), form.get()));
    }

    private AccountView view(Exchange exchange, WebSession session, NewToken created, String notice,
            String tokenError, TokenForm tokenForm, String passwordError) {
        return new AccountView(chrome(exchange), session.user().username(), session.user().email(),
                session.csrfToken(), list.of(session.user()), clock.instant(), created, notice, tokenError, tokenForm,
                passwordError);
    }

    /** The page, with the user's own links in the header, never stored by any cache. */
    private void show(Exchange exchange, int status, AccountView view) throws IOException {
        WebHandlers.sendPrivate(exchange, status, pages.pages().forUser(pages.pages().account(view),
                new AccountLinks(view.chrome(), view.username(), view.csrfToken())));
    }

    private static void retryAfter(Exchange exchange, ManageProblem problem) {
        problem.retryAfter().ifPresent(wait -> exchange.header("Retry-After", Long.toString(Login.seconds(wait))));
    }

    /** The scope as typed: project names separated by spaces or commas. */
    static List<String> projects(String typed) {
        return Arrays.stream(typed.split("[\\s,]+")).filter(name -> !name.isEmpty()).toList();
    }

    private static String value(Fields fields, String name) {
        String value = fields.getValue(name);
        return value == null ? "" : value;
    }

    private static String capitalized(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    private Chrome chrome(Exchange exchange) {
        return pages.chrome(linkBase.base(exchange));
    }
}
