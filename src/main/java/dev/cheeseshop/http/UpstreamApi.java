package dev.cheeseshop.http;

import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.UpstreamPurge;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An administrator's purge of the upstream cache: {@code DELETE /api/v1/upstream/projects/{project}}
 * for one project, {@code DELETE /api/v1/upstream/projects} for all. Answers what went.
 */
final class UpstreamApi {
    private final UpstreamPurge purge;

    UpstreamApi(UpstreamPurge purge) {
        this.purge = purge;
    }

    void register(ApiV1 api) {
        api.delete("/upstream/projects/{project}", this::purgeProject)
                .delete("/upstream/projects", this::purgeAll);
    }

    private ApiV1.Answer purgeProject(ApiRequest request) throws ManageProblem {
        return answer(purge.purge(request.principal().user(), Optional.of(request.param("project"))));
    }

    private ApiV1.Answer purgeAll(ApiRequest request) throws ManageProblem {
        return answer(purge.purge(request.principal().user(), Optional.empty()));
    }

    private static ApiV1.Answer answer(UpstreamPurge.Purged purged) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", purged.project().orElse(null));
        body.put("blobs_deleted", purged.blobs());
        return new ApiV1.Answer(200, body);
    }
}
