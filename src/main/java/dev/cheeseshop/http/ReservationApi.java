package dev.cheeseshop.http;

import dev.cheeseshop.index.ProjectDetails;
import dev.cheeseshop.manage.ManageProblem;
import dev.cheeseshop.manage.ProjectReservation;
import dev.cheeseshop.model.RoleName;
import dev.cheeseshop.store.RoleStore;
import java.util.List;

/**
 * {@code POST /api/v1/projects} with {@code {"name", "owner"}}: an administrator reserves a project
 * name without uploading ({@link ProjectReservation}); {@code owner} (a username) defaults to the
 * caller. Answers 201 with the new project as {@code GET /projects/<project>} shows it: no versions,
 * one Owner. The use case judges permission (403), the name (400), the Owner (404) and a project
 * already there (409).
 */
final class ReservationApi {
    private final ProjectReservation reservation;

    ReservationApi(ProjectReservation reservation) {
        this.reservation = reservation;
    }

    void register(ApiV1 api) {
        api.post("/projects", this::reserve);
    }

    private ApiV1.Answer reserve(ApiRequest request) throws ApiError, ManageProblem {
        String name = request.string("name").orElseThrow(() -> ApiError.badRequest("name: required"));
        String owner = request.string("owner").orElse(null);
        ProjectReservation.Reserved reserved = reservation.reserve(request.principal(), name, owner);
        ProjectDetails.ProjectView view = new ProjectDetails.ProjectView(reserved.project(),
                List.of(new RoleStore.Grant(RoleName.Owner, reserved.owner(), reserved.project().displayName())),
                List.of());
        return new ApiV1.Answer(201, ProjectReadApi.json(view));
    }
}
