package dev.cheeseshop.http;

import dev.cheeseshop.manage.Change;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.Quarantine;

/**
 * An administrator's quarantine under {@code /api/v1/projects/<project>}: {@code POST .../quarantine}
 * puts the project (or, under {@code releases/<version>}, one release) in quarantine, {@code DELETE}
 * clears it. Each answers the journal entry it wrote, as {@link ProjectApi} does; the use case
 * judges permission (403 for anyone but an administrator), look-ups (404) and the present state
 * (409 when already in, or not in, quarantine).
 */
final class QuarantineApi {
    private static final String PROJECT = "/projects/{project}/quarantine";
    private static final String RELEASE = "/projects/{project}/releases/{version}/quarantine";

    private final Quarantine quarantine;

    QuarantineApi(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    void register(ApiV1 api) {
        api.post(PROJECT, this::quarantineProject)
                .delete(PROJECT, this::clearProject)
                .post(RELEASE, this::quarantineRelease)
                .delete(RELEASE, this::clearRelease);
    }

    private ApiV1.Answer quarantineProject(ApiRequest request) throws ApiError, ManageProblem {
        return answer(quarantine.project(request.principal().user(), ProjectApi.project(request)));
    }

    private ApiV1.Answer clearProject(ApiRequest request) throws ApiError, ManageProblem {
        return answer(quarantine.clearProject(request.principal().user(), ProjectApi.project(request)));
    }

    private ApiV1.Answer quarantineRelease(ApiRequest request) throws ApiError, ManageProblem {
        return answer(quarantine.release(request.principal().user(), ProjectApi.project(request),
                request.param("version")));
    }

    private ApiV1.Answer clearRelease(ApiRequest request) throws ApiError, ManageProblem {
        return answer(quarantine.clearRelease(request.principal().user(), ProjectApi.project(request),
                request.param("version")));
    }

    private static ApiV1.Answer answer(Change change) {
        return new ApiV1.Answer(200, ProjectApi.json(change));
    }
}
