package dev.cheeseshop.http;

import dev.cheeseshop.index.ProjectDetails;
import dev.cheeseshop.model.DistFile;
import dev.cheeseshop.model.JournalEntry;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.Release;
import dev.cheeseshop.model.Serial;
import dev.cheeseshop.model.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads of a project under {@code /api/v1/projects/<project>}, for any authenticated caller: the
 * project (names, last serial, roles, versions with their yank state), one release with its files,
 * and the project's journal, oldest first, a page at a time ({@code ?after=<serial>&limit=N},
 * default {@value ProjectDetails#DEFAULT_LIMIT}, at most {@value ProjectDetails#MAX_LIMIT}, with
 * {@code next}, the {@code after} of the next page, or null on the last). Times are ISO-8601 UTC.
 * A missing project or release is 404 in the API's error form. A token scoped to projects reads
 * only those (403 naming its scope, before the project is looked up); what is in quarantine is
 * shown only to the project's Owners and Maintainers and to administrators.
 */
final class ProjectReadApi {
    private static final String PROJECT = "/projects/{project}";

    private final ProjectDetails details;

    ProjectReadApi(ProjectDetails details) {
        this.details = details;
    }

    void register(ApiV1 api) {
        api.get(PROJECT, this::project)
                .get(PROJECT + "/releases/{version}", this::release)
                .get(PROJECT + "/journal", this::journal);
    }

    private ApiV1.Answer project(ApiRequest request) throws ApiError {
        String name = ProjectApi.project(request);
        ProjectDetails.ProjectView view = details.project(name, request.principal().user()).orElseThrow(() -> noProject(name));
        return new ApiV1.Answer(200, json(view));
    }

    /** The project as {@code GET /projects/<project>} shows it (also the answer of a reservation). */
    static Map<String, Object> json(ProjectDetails.ProjectView view) {
        Map<String, Object> body = names(view.project());
        body.put("last_serial", view.project().lastSerial().value());
        body.put("quarantined", view.project().quarantined());
        body.put("roles", view.roles().stream().map(grant -> {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("user", grant.username());
            one.put("role", grant.role().name());
            return one;
        }).toList());
        body.put("versions", view.releases().stream().map(release -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("version", release.version());
            one.put("yanked", release.yanked());
            one.put("yanked_reason", yankedReason(release));
            one.put("quarantined", release.quarantined());
            one.put("created", time(release.created()));
            return one;
        }).toList());
        return body;
    }

    private ApiV1.Answer release(ApiRequest request) throws ApiError {
        String name = ProjectApi.project(request);
        String version = request.param("version");
        User viewer = request.principal().user();
        ProjectDetails.ReleaseView view = details.release(name, version, viewer).orElseThrow(() -> details
                .project(name, viewer).isEmpty() ? noProject(name) : ApiError.notFound("Release " + version + " of '" + name
                        + "' does not exist."));
        Release release = view.release();
        String requiresPython = release.requiresPython().orElse(null);
        Map<String, Object> body = names(view.project());
        body.put("version", release.version());
        body.put("yanked", release.yanked());
        body.put("yanked_reason", yankedReason(release));
        body.put("quarantined", release.quarantined());
        body.put("requires_python", requiresPython);
        body.put("created", time(release.created()));
        body.put("files", view.files().stream().map(file -> file(file, release, requiresPython)).toList());
        return new ApiV1.Answer(200, body);
    }

    private static Map<String, Object> file(DistFile file, Release release, String requiresPython) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("filename", file.filename());
        one.put("packagetype", file.packageType().name());
        one.put("python_version", file.pythonVersion());
        one.put("size", file.size());
        one.put("sha256", file.digests().sha256());
        one.put("blake2b_256", file.digests().blake2b256());
        one.put("upload_time", time(file.uploadTime()));
        one.put("requires_python", requiresPython);
        one.put("yanked", release.yanked());
        one.put("yanked_reason", yankedReason(release));
        return one;
    }

    private ApiV1.Answer journal(ApiRequest request) throws ApiError {
        String name = ProjectApi.project(request);
        Serial after = Serial.of(request.queryNumber("after", 0, Long.MAX_VALUE / 2, 0));
        int limit = (int) request.queryNumber("limit", 1, ProjectDetails.MAX_LIMIT, ProjectDetails.DEFAULT_LIMIT);
        ProjectDetails.JournalPage page = details.journal(name, after, limit, request.principal().user()).orElseThrow(() -> noProject(name));
        Map<String, Object> body = names(page.project());
        body.put("entries", page.entries().stream().map(ProjectReadApi::entry).toList());
        body.put("next", page.next().map(Serial::value).orElse(null));
        return new ApiV1.Answer(200, body);
    }

    private static Map<String, Object> entry(JournalEntry entry) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("serial", entry.serial().value());
        one.put("name", entry.name());
        one.put("version", entry.version());
        one.put("action", entry.action());
        one.put("submitted", time(entry.submitted()));
        one.put("submitted_by", entry.submittedBy());
        return one;
    }

    private static Map<String, Object> names(Project project) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", project.displayName());
        out.put("normalized_name", project.normalizedName());
        return out;
    }

    /** The reason while yanked, null otherwise or when none was given. */
    private static String yankedReason(Release release) {
        String reason = release.yankedReason();
        return release.yanked() && reason != null && !reason.isEmpty() ? reason : null;
    }

    private static ApiError noProject(String name) {
        return ApiError.notFound("Project '" + name + "' does not exist.");
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
