package dev.cheeseshop.http;

import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.RoleManagement;
import dev.cheeseshop.web.ManageNotices;
import dev.cheeseshop.web.ManageProjectsView;
import java.io.IOException;
import java.util.Optional;

/**
 * A project's management page, {@code GET /manage/project/<name>/} (a name not in normalised
 * form is redirected to it), the user's projects, {@code GET /manage/projects/}, and the role
 * forms, {@code POST /manage/project/<name>/roles/{add,change,remove}/}, each a call of
 * {@link RoleManagement} as the session's user: it judges who may (a Maintainer is refused,
 * 403) and journals the change exactly as the API's calls do. Releases are
 * {@link ManageReleaseHandlers}', deletions {@link ManageDeleteHandlers}'.
 */
final class ManageHandlers {
    private static final String PROJECT = "/manage/project/{name}/";

    private final ManageForms forms;
    private final RoleManagement roles;

    ManageHandlers(ManageForms forms, RoleManagement roles) {
        this.forms = forms;
        this.roles = roles;
    }

    void register(Routes routes) {
        routes.get("/manage/projects/", this::projects)
                .get("/manage/projects", ManageHandlers::slash)
                .get(PROJECT, this::project)
                .get("/manage/project/{name}", ManageHandlers::slash)
                .post(PROJECT + "roles/add/", this::add)
                .post(PROJECT + "roles/change/", this::change)
                .post(PROJECT + "roles/remove/", this::remove);
    }

    private void projects(Exchange exchange) throws IOException {
        Optional<WebSession> session = forms.signedIn(exchange);
        if (session.isPresent()) {
            forms.send(exchange, 200, session.get(), forms.pages().pages().manageProjects(new ManageProjectsView(
                    forms.chrome(exchange), session.get().user().username(),
                    forms.reads().projectsOf(session.get().user()),
                    ManageNotices.text(exchange.query().getValue("done")))));
        }
    }

    private void project(Exchange exchange) throws IOException {
        Optional<WebSession> session = forms.signedIn(exchange);
        if (session.isPresent()) {
            forms.project(exchange, session.get(), exchange.param("name"), exchange.query().getValue("done"), null, 200);
        }
    }

    private void add(Exchange exchange) throws IOException {
        Optional<ManageForms.Post> post = forms.post(exchange);
        if (post.isPresent()) {
            change(exchange, post.get(), "role-added", () -> roles.add(post.get().session().user(),
                    exchange.param("name"), post.get().field("username").strip(), RoleManagement.role(post.get().field("role"))));
        }
    }

    private void change(Exchange exchange) throws IOException {
        Optional<ManageForms.Post> post = forms.post(exchange);
        if (post.isPresent()) {
            change(exchange, post.get(), "role-changed", () -> roles.change(post.get().session().user(),
                    exchange.param("name"), post.get().field("username"), RoleManagement.role(post.get().field("role"))));
        }
    }

    private void remove(Exchange exchange) throws IOException {
        Optional<ManageForms.Post> post = forms.post(exchange);
        if (post.isPresent()) {
            change(exchange, post.get(), "role-removed", () -> roles.remove(post.get().session().user(),
                    exchange.param("name"), post.get().field("username")));
        }
    }

    /** Runs a use case; on success redirects saying {@code notice}, else shows the page with its refusal. */
    static void change(Exchange exchange, ManageForms forms, ManageForms.Post post, String notice, UseCase call)
            throws IOException {
        try {
            call.run();
        } catch (ManageProblem problem) {
            forms.failed(exchange, post.session(), exchange.param("name"), problem);
            return;
        }
        forms.done(exchange, exchange.param("name"), notice);
    }

    private void change(Exchange exchange, ManageForms.Post post, String notice, UseCase call) throws IOException {
        change(exchange, forms, post, notice, call);
    }

    /** A management use case's call, which may be refused. */
    @FunctionalInterface
    interface UseCase {
        void run() throws ManageProblem;
    }

    private static void slash(Exchange exchange) throws IOException {
        exchange.redirect(301, Headers.withQuery(exchange.path() + "/", exchange));
    }
}
