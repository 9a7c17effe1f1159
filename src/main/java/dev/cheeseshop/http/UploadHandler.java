package dev.cheeseshop.http;

import dev.cheeseshop.auth.Authenticator;
import dev.cheeseshop.auth.Login;
import dev.cheeseshop.auth.Principal;
import dev.cheeseshop.upload.StagedFile;
import dev.cheeseshop.upload.Staging;
import dev.cheeseshop.upload.UploadProblem;
import dev.cheeseshop.upload.UploadRequest;
import dev.cheeseshop.upload.UploadService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy upload API, {@code POST /legacy/}, as twine, flit, poetry and pdm speak it: parse
 * the multipart form, call the upload use case, and answer PyPI's way (message in the reason
 * phrase and the body). Credentials are checked before the body is read.
 */
final class UploadHandler {
    /** The largest body of a refused upload read to keep its connection (bytes). */
    private static final long DRAINED_AT_MOST = 64 * 1024;

    private final Authenticator authenticator;
    private final UploadService uploads;
    private final Staging staging;

    UploadHandler(Authenticator authenticator, UploadService uploads, Staging staging) {
        this.authenticator = authenticator;
        this.uploads = uploads;
        this.staging = staging;
    }

    void register(Routes routes) {
        routes.post("/legacy/", this::upload)
                .get("/legacy/", this::describe)
                .post("/legacy", ex -> {
                    ex.header("Location", "/legacy/");
                    UploadResponses.error(ex, 308, "An upload was attempted to /legacy but the expected upload URL "
                            + "is /legacy/ (with a trailing slash)");
                });
    }

    private void upload(Exchange exchange) throws IOException {
        Optional<Principal> principal = login(exchange);
        if (principal.isEmpty()) {
            return;
        }
        MultipartUpload.Parsed form = MultipartUpload.read(exchange, staging, uploads.maxFileBytes());
        UploadService.Outcome outcome = null;
        UploadProblem refusal = null;
        try {
            outcome = handle(exchange, principal.get(), form);
        } catch (UploadProblem problem) {
            refusal = problem;
        } finally {
            // Before answering: a client that has its answer finds no staged file left behind.
            if (form.file() != null) {
                staging.discard(form.file().path());
            }
        }
        if (refusal != null) {
            exchange.metrics().uploadRefused(refusal.reason().label());
            UploadResponses.error(exchange, refusal.status(), refusal.getMessage());
            return;
        }
        exchange.metrics().uploadAccepted(outcome == UploadService.Outcome.STORED, form.file().size());
        UploadResponses.ok(exchange);
    }

    /** Who the credentials name, or empty when the refusal has been answered. */
    private Optional<Principal> login(Exchange exchange) throws IOException {
        Authenticator.Outcome auth = AuthHeader.authenticate(authenticator, exchange);
        if (auth.accepted()) {
            return Optional.of(auth.principal());
        }
        exchange.metrics().uploadRefused(switch (auth.refusal()) {
            case THROTTLED -> "throttled";
            case BUSY -> "busy";
            default -> "credentials";
        });
        if (!drainSmallBody(exchange)) {
            // Unread, the body makes Jetty drop the connection after the answer, too late to say so:
            // a client that reused it would get no answer at all. Told now, it opens a new one.
            exchange.header("Connection", "close");
        }
        switch (auth.refusal()) {
            case THROTTLED -> {
                exchange.header("Retry-After", Long.toString(Login.seconds(auth.retryAfter())));
                UploadResponses.error(exchange, 429, UploadResponses.TOO_MANY_FAILED_LOGINS,
                        UploadResponses.FAILED_LOGINS_DETAIL);
            }
            case BUSY -> {
                exchange.header("Retry-After", Long.toString(Login.seconds(auth.retryAfter())));
                UploadResponses.error(exchange, 503, UploadResponses.LOGINS_BUSY);
            }
            case EXPIRED -> UploadResponses.error(exchange, 403, UploadService.TOKEN_EXPIRED);
            default -> UploadResponses.error(exchange, 403, UploadService.INVALID_AUTH);
        }
        return Optional.empty();
    }

    /**
     * Reads and drops the body of a refused request when it is small and its length known, so the
     * connection stays usable (a large one is not read: that is the point of refusing first).
     */
    private static boolean drainSmallBody(Exchange exchange) {
        long length = exchange.contentLength();
        if (length < 0 || length > DRAINED_AT_MOST) {
            return false;
        }
        try (InputStream body = exchange.body()) {
            return body.transferTo(OutputStream.nullOutputStream()) == length;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the action the form asks for: what the accepted upload did, or why it was refused. */
    private UploadService.Outcome handle(Exchange exchange, Principal principal, MultipartUpload.Parsed form)
            throws UploadProblem {
        String action = Optional.ofNullable(exchange.query().getValue(":action"))
                .or(() -> first(form.fields(), ":action")).orElse("");
        switch (action) {
            case "file_upload" -> {
                return uploads.upload(principal, toRequest(exchange, form));
            }
            case "submit", "submit_pkg_info" -> throw UploadProblem.gone(UploadService.PREREGISTRATION_GONE);
            case "doc_upload" -> throw UploadProblem.gone(UploadService.DOC_UPLOAD_GONE);
            default -> {
                exchange.header("Allow", "GET, HEAD, OPTIONS");
                throw UploadProblem.notAllowed("Method Not Allowed");
            }
        }
    }

    private UploadRequest toRequest(Exchange exchange, MultipartUpload.Parsed form) throws UploadProblem {
        if (form.malformed()) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FORM, "Invalid form data: the multipart body is malformed.");
        }
        if (form.fieldsTooLarge()) {
            throw UploadProblem.badRequest(UploadProblem.Reason.TOO_LARGE, "Invalid form data: the parts other than the file exceed "
                    + MultipartUpload.MAX_FIELD_BYTES / (1024 * 1024) + " MB.");
        }
        for (String field : form.fileFields()) {
            if (!field.equals("gpg_signature") && !field.equals("content")) {
                throw UploadProblem.badRequest(UploadProblem.Reason.FORM, field + ": Should not be a tuple.");
            }
        }
        Map<String, List<String>> fields = new LinkedHashMap<>(form.fields());
        if (form.fileTooLarge()) {
            uploads.refuseTooLarge(first(fields, "name").orElse(""));
        }
        StagedFile file = form.file();
        return new UploadRequest(fields, file, exchange.header("User-Agent").orElse(null));
    }

    private static Optional<String> first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private void describe(Exchange exchange) throws IOException {
        exchange.send(200, Headers.HTML, ("<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Upload API</title></head>\n"
                + "<body><h1>Upload API</h1><p>This URL is an API for uploading distributions: point twine, flit, "
                + "poetry or pdm at it.</p></body>\n</html>\n").getBytes(StandardCharsets.UTF_8));
    }
}
