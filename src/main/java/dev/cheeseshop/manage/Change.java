package dev.cheeseshop.manage;

import dev.cheeseshop.model.Serial;

/**
 * What a management use case did: the journal entry it wrote (project display name, version or
 * null, PyPI's action text, submitted by the acting user) and the serial it got.
 */
public record Change(String project, String version, String action, String submittedBy, Serial serial) {}
