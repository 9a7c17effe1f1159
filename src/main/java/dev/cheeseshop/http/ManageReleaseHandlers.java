package dev.cheeseshop.http;

import dev.cheeseshop.manage.ReleaseManagement;
import java.io.IOException;
import java.util.Optional;

/**
 * Yanking and unyanking from a project's management page:
 * {@code POST /manage/project/<name>/release/<version>/yank/} (with an optional {@code reason})
 * and {@code .../unyank/}, each a call of {@link ReleaseManagement} as the session's user, which
 * judges who may and journals {@code yank release} or {@code unyank release} as the API's calls do.
 */
final class ManageReleaseHandlers {
    private static final String RELEASE = "/manage/project/{name}/release/{version}/";

    private final ManageForms forms;
    private final ReleaseManagement releases;

    ManageReleaseHandlers(ManageForms forms, ReleaseManagement releases) {
        this.forms = forms;
        this.releases = releases;
    }

    void register(Routes routes) {
        routes.post(RELEASE + "yank/", this::yank)
                .post(RELEASE + "unyank/", this::unyank);
    }

    private void yank(Exchange exchange) throws IOException {
        Optional<ManageForms.Post> post = forms.post(exchange);
        if (post.isPresent()) {
            String reason = post.get().field("reason").strip();
            ManageHandlers.change(exchange, forms, post.get(), "yanked", () -> releases.yank(
                    post.get().session().user(), exchange.param("name"), exchange.param("version"),
                    reason.isEmpty() ? null : reason));
        }
    }

    private void unyank(Exchange exchange) throws IOException {
        Optional<ManageForms.Post> post = forms.post(exchange);
        if (post.isPresent()) {
            ManageHandlers.change(exchange, forms, post.get(), "unyanked", () -> releases.unyank(
                    post.get().session().user(), exchange.param("name"), exchange.param("version")));
        }
    }
}
