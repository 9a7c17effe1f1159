package dev.cheeseshop.manage;

import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.auth.TokenSecrets;
import dev.cheeseshop.model.ApiToken;
import dev.cheeseshop.model.Project;
import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.User;
import dev.cheeseshop.store.MetadataStore;
import dev.cheeseshop.store.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creating an API token, in named steps: check the request; check, on a read snapshot, that the
 * user exists and holds a role on every project of the scope; then generate the secret and store
 * only its digest in one write transaction. The secret is in the answer and nowhere else.
 */
public final class CreateToken {
    static final int MAX_NAME = 100;
    static final int MAX_PROJECTS = 100;

    /** What to create: a name, the projects of its scope (empty: unscoped), an expiry or null. */
    public record Request(String name, List<String> projects, Instant expires) {}

    /** The created token, and its secret, to be shown once. */
    public record Created(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token + ", secret=(hidden)]";
        }
    }

    private final MetadataStore store;
    private final Clock clock;

    public CreateToken(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Over the API: for the caller's own user. A token scoped to projects creates no tokens. */
    public Created asPrincipal(Principal caller, Request request) throws ManageProblem {
        if (caller.scoped()) {
            throw ManageProblem.forbidden("a token scoped to project(s) "
                    + String.join(", ", caller.scope().stream().map(p -> "'" + p + "'").toList())
                    + " cannot create API tokens");
        }
        return forUser(caller.user().username(), request);
    }

    /** From the command line: the operator creates a token for any user. */
    public Created forUser(String username, Request request) throws ManageProblem {
        checkRequest(request);
        List<String> scope = normalizedScope(request.projects());
        User user = checkUserAndScope(username, scope);
        return insert(user, request, scope);
    }

    private void checkRequest(Request request) throws ManageProblem {
        String name = request.name();
        if (name == null || name.isBlank()) {
            throw ManageProblem.badRequest("name: a token needs a name");
        }
        if (name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            throw ManageProblem.badRequest("name: at most " + MAX_NAME + " characters, none of them control characters");
        }
        if (request.projects().size() > MAX_PROJECTS) {
            throw ManageProblem.badRequest("projects: at most " + MAX_PROJECTS + " projects");
        }
        if (request.expires() != null && !request.expires().isAfter(clock.instant())) {
            throw ManageProblem.badRequest("expires: not in the future");
        }
    }

    private static List<String> normalizedScope(List<String> projects) throws ManageProblem {
        Set<String> names = new LinkedHashSet<>();
        for (String project : projects) {
            if (!ProjectName.isValid(project)) {
                throw ManageProblem.badRequest("projects: '" + project + "' is not a valid project name");
            }
            names.add(ProjectName.normalize(project));
        }
        return new ArrayList<>(names);
    }

    /** One read transaction: the user, and a role on every project of the scope. */
    private User checkUserAndScope(String username, List<String> scope) throws ManageProblem {
        record Checked(User user, String refused) {}
        Checked checked = store.read((Transaction tx) -> {
            Optional<User> user = tx.users().find(username);
            if (user.isEmpty()) {
                return new Checked(null, null);
            }
            for (String name : scope) {
                Optional<Project> project = tx.projects().find(name);
                if (project.isEmpty() || tx.roles().find(project.get().id(), user.get().id()).isEmpty()) {
                    return new Checked(user.get(), name);
                }
            }
            return new Checked(user.get(), null);
        });
        if (checked.user() == null) {
            throw ManageProblem.notFound("no user '" + username + "'");
        }
        if (checked.refused() != null) {
            throw ManageProblem.badRequest("projects: '" + checked.refused() + "' is not a project on which user '"
                    + checked.user().username() + "' has a role");
        }
        return checked.user();
    }

    /** One write transaction: the digest of a fresh secret, with the name, scope and expiry. */
    private Created insert(User user, Request request, List<String> scope) {
        String secret = TokenSecrets.generate();
        String digest = TokenSecrets.digest(secret);
        ApiToken token = store.write((Transaction tx) -> tx.tokens().insert(user.id(), request.name().strip(), digest,
                scope, clock.instant(), request.expires()));
        return new Created(token, secret);
    }
}
