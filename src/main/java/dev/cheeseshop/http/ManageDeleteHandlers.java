package dev.cheeseshop.http;

import dev.cheeseshop.auth.WebSession;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.ManagedProjects.ManagedProject;
import dev.cheeseshop.manage.ManagedProjects.ManagedRelease;
import dev.cheeseshop.manage.ReleaseManagement;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.web.ConfirmView;
import dev.cheeseshop.web.ManagePaths;
import java.io.IOException;
import java.util.Optional;

/**
 * Deleting a file, a release or the project, each on its own confirmation page
 * ({@code GET /manage/project/<name>/release/<version>/files/<filename>/delete/},
 * {@code .../release/<version>/delete/}, {@code /manage/project/<name>/delete/}) whose form
 * posts back to it the name the user typed: the filename, the version, the project's name,
 * exactly as the page shows it. The server compares it (a page's script could be bypassed): a
 * mismatch answers 400 with the form again and deletes nothing; a match calls
 * {@link ReleaseManagement} as the session's user, which judges who may and journals the removal
 * as the API's calls do. Who may not delete (a Maintainer) gets the use cases' refusal on the
 * confirmation page already, 403.
 */
final class ManageDeleteHandlers {
    private static final String PROJECT = "/manage/project/{name}/";
    private static final String RELEASE = PROJECT + "release/{version}/";
    private static final String FILE = RELEASE + "files/{filename}/delete/";

    private final ManageForms forms;
    private final ReleaseManagement releases;

    ManageDeleteHandlers(ManageForms forms, ReleaseManagement releases) {
        this.forms = forms;
        this.releases = releases;
    }

    void register(Routes routes) {
        routes.get(FILE, ex -> confirm(ex, Kind.FILE, false))
                .post(FILE, ex -> confirm(ex, Kind.FILE, true))
                .get(RELEASE + "delete/", ex -> confirm(ex, Kind.RELEASE, false))
                .post(RELEASE + "delete/", ex -> confirm(ex, Kind.RELEASE, true))
                .get(PROJECT + "delete/", ex -> confirm(ex, Kind.PROJECT, false))
                .post(PROJECT + "delete/", ex -> confirm(ex, Kind.PROJECT, true));
    }

    private enum Kind { FILE, RELEASE, PROJECT }

    /** What is to be deleted: the name to type, the form's path, the page to go back to. */
    private record Target(String name, String action) {}

    private void confirm(Exchange exchange, Kind kind, boolean posted) throws IOException {
        Optional<WebSession> session;
        String typed = null;
        if (posted) {
            Optional<ManageForms.Post> post = forms.post(exchange);
            if (post.isEmpty()) {
                return;
            }
            session = Optional.of(post.get().session());
            typed = post.get().field("confirm").strip();
        } else {
            session = forms.signedIn(exchange);
            if (session.isEmpty()) {
                return;
            }
        }
        ManagedProject managed;
        Target target;
        try {
            managed = forms.reads().project(session.get().user(), exchange.param("name"));
            if (managed.refusal().isPresent()) {
                throw new ManageProblem(ManageProblem.Kind.FORBIDDEN, managed.refusal().get());
            }
            target = target(managed, kind, exchange);
        } catch (ManageProblem problem) {
            forms.refused(exchange, session.get(), problem);
            return;
        }
        if (!posted) {
            show(exchange, session.get(), managed, kind, target, 200, null);
        } else if (!target.name().equals(typed)) {
            show(exchange, session.get(), managed, kind, target, 400, typed.isEmpty()
                    ? "Type the " + noun(kind) + " to confirm: nothing was deleted."
                    : "“" + typed + "” is not “" + target.name() + "”: nothing was deleted.");
        } else {
            delete(exchange, session.get(), managed, kind, target);
        }
    }

    private void delete(Exchange exchange, WebSession session, ManagedProject managed, Kind kind, Target target)
            throws IOException {
        String project = managed.project().displayName();
        try {
            switch (kind) {
                case FILE -> releases.removeFile(session.user(), project, exchange.param("version"), target.name());
                case RELEASE -> releases.removeRelease(session.user(), project, target.name());
                case PROJECT -> releases.removeProject(session.user(), project);
            }
        } catch (ManageProblem problem) {
            show(exchange, session, managed, kind, target, problem.kind().status(), problem.getMessage());
            return;
        }
        switch (kind) {
            case FILE -> forms.done(exchange, project, "file-deleted");
            case RELEASE -> forms.done(exchange, project, "release-deleted");
            case PROJECT -> forms.doneProjects(exchange, "project-deleted");
        }
    }

    /** The thing to delete, as the project has it; not found when it has no such release or file. */
    private static Target target(ManagedProject managed, Kind kind, Exchange exchange) throws ManageProblem {
        String name = managed.project().normalizedName();
        if (kind == Kind.PROJECT) {
            return new Target(managed.project().displayName(), ManagePaths.deleteProject(name));
        }
        String version = exchange.param("version");
        ManagedRelease release = managed.release(version).orElseThrow(() -> new ManageProblem(
                ManageProblem.Kind.NOT_FOUND, "Release " + version + " of '" + managed.project().displayName()
                        + "' does not exist."));
        if (kind == Kind.RELEASE) {
            return new Target(version, ManagePaths.deleteRelease(name, version));
        }
        String filename = exchange.param("filename");
        DistFile file = release.files().stream().filter(f -> f.filename().equals(filename)).findFirst()
                .orElseThrow(() -> new ManageProblem(ManageProblem.Kind.NOT_FOUND, "File '" + filename
                        + "' does not exist in release " + version + " of '" + managed.project().displayName() + "'."));
        return new Target(file.filename(), ManagePaths.deleteFile(name, version, file.filename()));
    }

    private void show(Exchange exchange, WebSession session, ManagedProject managed, Kind kind, Target target,
            int status, String error) throws IOException {
        forms.send(exchange, status, session, forms.pages().pages().confirm(new ConfirmView(forms.chrome(exchange),
                session.csrfToken(), kind.name().toLowerCase(java.util.Locale.ROOT), target.name(),
                managed.project().displayName(), target.action(),
                ManagePaths.project(managed.project().normalizedName()), error)));
    }

    private static String noun(Kind kind) {
        return switch (kind) {
            case FILE -> "file's name";
            case RELEASE -> "version";
            case PROJECT -> "project's name";
        };
    }
}
