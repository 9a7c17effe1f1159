package dev.cheeseshop.http;

import dev.cheeseshop.downloads.Period;
import dev.cheeseshop.index.DownloadReports;
import dev.cheeseshop.auth.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Download counts under {@code /api/v1}: {@code GET /projects/<project>/downloads?period=day|week|month}
 * (default {@code month}) for any authenticated caller who may read the project (as
 * {@link ProjectReadApi}: a scoped token only its projects, quarantine only for its Owners,
 * Maintainers and administrators), and {@code GET /downloads/top?period=...&limit=N} for
 * administrators (403 for anyone else, and for a token scoped to projects). A period is whole UTC
 * days ending today, today so far included ({@link Period}); counts are those flushed to the
 * store.
 */
final class DownloadApi {
    private final DownloadReports reports;

    DownloadApi(DownloadReports reports) {
        this.reports = reports;
    }

    void register(ApiV1 api) {
        api.get("/projects/{project}/downloads", this::project)
                .get("/downloads/top", this::top);
    }

    private ApiV1.Answer project(ApiRequest request) throws ApiError {
        String name = ProjectApi.project(request);
        Period period = period(request);
        DownloadReports.ProjectReport report = reports.project(name, period, request.principal().user())
                .orElseThrow(() -> ApiError.notFound("Project '" + name + "' does not exist."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", report.project().displayName());
        body.put("normalized_name", report.project().normalizedName());
        span(body, period, report.firstDay(), report.lastDay());
        body.put("downloads", report.downloads());
        body.put("files", report.files().stream().map(file -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("filename", file.filename());
            one.put("downloads", file.downloads());
            return one;
        }).toList());
        return new ApiV1.Answer(200, body);
    }

    private ApiV1.Answer top(ApiRequest request) throws ApiError {
        Principal principal = request.principal();
        if (principal.scoped()) {
            throw new ApiError(403, "a token scoped to projects cannot list the most downloaded projects");
        }
        if (!principal.user().admin()) {
            throw new ApiError(403, "only an administrator may list the most downloaded projects");
        }
        Period period = period(request);
        int limit = (int) request.queryNumber("limit", 1, DownloadReports.MAX_LIMIT, DownloadReports.DEFAULT_LIMIT);
        DownloadReports.TopReport report = reports.top(period, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        span(body, period, report.firstDay(), report.lastDay());
        body.put("projects", report.projects().stream().map(project -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", project.name());
            one.put("normalized_name", project.normalizedName());
            one.put("downloads", project.downloads());
            return one;
        }).toList());
        return new ApiV1.Answer(200, body);
    }

    private static Period period(ApiRequest request) throws ApiError {
        String id = request.queryParam("period").orElse(Period.MONTH.id());
        return Period.parse(id).orElseThrow(() -> ApiError.badRequest("period: must be day, week or month"));
    }

    private static void span(Map<String, Object> body, Period period, long first, long last) {
        body.put("period", period.id());
        body.put("from", LocalDate.ofEpochDay(first).toString());
        body.put("to", LocalDate.ofEpochDay(last).toString());
    }
}
