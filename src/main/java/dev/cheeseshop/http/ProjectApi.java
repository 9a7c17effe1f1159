package dev.cheeseshop.http;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.index.ProjectDetails;
import dev.cheeseshop.manage.Change;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.ReleaseManagement;
import dev.cheeseshop.manage.RoleManagement;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.RoleStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Owner's management of a project under {@code /api/v1/projects/<project>}: yank and unyank a
 * release, give, change and take away roles, remove a file, a release or the project, and read
 * its roles. Thin: each call checks a scoped token's scope, runs the use case as the principal's
 * user and answers the journal entry it wrote,
 * {@code {"project", "version", "action", "submitted_by", "serial"}} (a role call adds
 * {@code "user"} and {@code "role"}). The use cases judge permission (403), look-ups (404),
 * arguments (400) and conflicts (409).
 */
final class ProjectApi {
    private static final String PROJECT = "/projects/{project}";
    private static final String RELEASE = PROJECT + "/releases/{version}";

    private final ReleaseManagement releases;
    private final RoleManagement roles;
    private final MetadataStore store;

    ProjectApi(ReleaseManagement releases, RoleManagement roles, MetadataStore store) {
        this.releases = releases;
        this.roles = roles;
        this.store = store;
    }

    void register(ApiV1 api) {
        api.post(RELEASE + "/yank", this::yank)
                .post(RELEASE + "/unyank", this::unyank)
                .delete(RELEASE + "/files/{filename}", this::removeFile)
                .delete(RELEASE, this::removeRelease)
                .delete(PROJECT, this::removeProject)
                .get(PROJECT + "/roles", this::listRoles)
                .put(PROJECT + "/roles/{user}", this::setRole)
                .delete(PROJECT + "/roles/{user}", this::removeRole);
    }

    private ApiV1.Answer yank(ApiRequest request) throws ApiError, ManageProblem {
        String project = project(request);
        String reason = request.string("reason").orElse(null);
        return changed(releases.yank(request.principal().user(), project, request.param("version"), reason));
    }

    private ApiV1.Answer unyank(ApiRequest request) throws ApiError, ManageProblem {
        return changed(releases.unyank(request.principal().user(), project(request), request.param("version")));
    }

    private ApiV1.Answer removeFile(ApiRequest request) throws ApiError, ManageProblem {
        return changed(releases.removeFile(request.principal().user(), project(request), request.param("version"),
                request.param("filename")));
    }

    private ApiV1.Answer removeRelease(ApiRequest request) throws ApiError, ManageProblem {
        return changed(releases.removeRelease(request.principal().user(), project(request), request.param("version")));
    }

    private ApiV1.Answer removeProject(ApiRequest request) throws ApiError, ManageProblem {
        return changed(releases.removeProject(request.principal().user(), project(request)));
    }

    /** PUT: adds the role (201), changes the one held (200), or, the same role held, writes nothing (200). */
    private ApiV1.Answer setRole(ApiRequest request) throws ApiError, ManageProblem {
        String project = project(request);
        String text = request.string("role").orElseThrow(() -> ApiError.badRequest(
                "role: required, Owner or Maintainer"));
        RoleName role = RoleManagement.role(text);
        String user = request.param("user");
        Optional<Change> change = roles.set(request.principal().user(), project, user, role);
        if (change.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("project", project);
            body.put("version", null);
            body.put("action", null);
            body.put("submitted_by", null);
            body.put("serial", null);
            body.put("user", user);
            body.put("role", role.name());
            return new ApiV1.Answer(200, body);
        }
        Map<String, Object> body = json(change.get());
        body.put("user", user);
        body.put("role", role.name());
        return new ApiV1.Answer(change.get().action().startsWith("add ") ? 201 : 200, body);
    }

    private ApiV1.Answer removeRole(ApiRequest request) throws ApiError, ManageProblem {
        String user = request.param("user");
        Map<String, Object> body = json(roles.remove(request.principal().user(), project(request), user));
        body.put("user", user);
        body.put("role", null);
        return new ApiV1.Answer(200, body);
    }

    /**
     * GET: the project's roles, as {@code package_roles} lists them; any authenticated caller may
     * read them, except those of a project in quarantine ({@link ProjectDetails#visible}).
     */
    private ApiV1.Answer listRoles(ApiRequest request) throws ApiError {
        String name = project(request);
        String normalized = ProjectName.normalize(name);
        Optional<List<RoleStore.Grant>> grants = store.read(tx -> ProjectDetails.visible(tx, name,
                request.principal().user()).map(Project::id).map(id -> tx.roles().forProject(id)));
        if (grants.isEmpty()) {
            throw ApiError.notFound("Project '" + name + "' does not exist.");
        }
        List<Map<String, String>> out = grants.get().stream().map(grant -> {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("user", grant.username());
            one.put("role", grant.role().name());
            return one;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", normalized);
        body.put("roles", out);
        return new ApiV1.Answer(200, body);
    }

    /** The project named in the path, once a scoped token's scope allows it (403 otherwise). */
    /** Also for the reads ({@link ProjectReadApi}): a scoped token touches nothing outside its scope. */
    static String project(ApiRequest request) throws ApiError {
        String name = request.param("project");
        Principal principal = request.principal();
        if (!principal.mayTouch(ProjectName.normalize(name))) {
            throw new ApiError(403, "Invalid API Token: token is scoped to project(s) "
                    + String.join(", ", principal.scope().stream().map(p -> "'" + p + "'").toList())
                    + " and cannot manage project '" + name + "'");
        }
        return name;
    }

    private static ApiV1.Answer changed(Change change) {
        return new ApiV1.Answer(200, json(change));
    }

    static Map<String, Object> json(Change change) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", change.project());
        out.put("version", change.version());
        out.put("action", change.action());
        out.put("submitted_by", change.submittedBy());
        out.put("serial", change.serial().value());
        return out;
    }
}
