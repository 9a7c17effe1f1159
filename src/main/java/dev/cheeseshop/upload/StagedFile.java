package dev.cheeseshop.upload;

import dev.cheeseshop.model.Digests;
import java.nio.file.Path;

/**
 * The uploaded file as it arrived: written to a temporary file while its digests were computed,
 * in one pass. {@code filename} is the multipart filename, untrusted until validated;
 * {@code contentType} the part's Content-Type header as sent, null when it had none.
 */
public record StagedFile(Path path, String filename, String contentType, long size, Digests digests) {}
