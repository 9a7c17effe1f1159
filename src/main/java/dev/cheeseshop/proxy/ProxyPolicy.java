package dev.cheeseshop.proxy;

import dev.cheeseshop.model.UpstreamFile;
import java.time.Instant;

/**
 * What may come from the upstream, decided before anything is served or cached: allow and deny
 * lists of projects with PEP 440 version specifiers, and a minimum age for files. A project denied
 * is not fetched at all; a file denied is left out of the page and never downloaded.
 *
 * <p>Implementation: {@code proxy.policy} (a TOML file, reloaded without a restart).
 */
public interface ProxyPolicy {

    /** Everything allowed: no lists, no minimum age. */
    ProxyPolicy OPEN = new ProxyPolicy() {
        @Override
        public Decision project(String normalizedName) {
            return Decision.ALLOWED;
        }

        @Override
        public Decision file(String normalizedName, UpstreamFile file, Instant now) {
            return Decision.ALLOWED;
        }

        @Override
        public boolean needsUploadTimes() {
            return false;
        }
    };

    /** Whether anything of the project may come from the upstream (the lists, by name alone). */
    Decision project(String normalizedName);

    /**
     * Whether this file of the project may be served: the lists with their version specifiers (the
     * version read from the filename; a file whose version cannot be read matches only entries
     * without specifiers), and the minimum age against {@code now} (a file without an upload time
     * is refused while a minimum age is set).
     */
    Decision file(String normalizedName, UpstreamFile file, Instant now);

    /**
     * Whether a file's upload time can decide anything now: a minimum age is in force. Then the
     * times a page lacks are looked for elsewhere (the upstream's JSON API) before it is cached.
     */
    boolean needsUploadTimes();

    /**
     * Moves whenever this policy's decisions may change (a reload of its file); under one
     * generation the same file of the same page, once allowed, stays allowed (a minimum age only
     * ever lets more through as time passes). What was decided under it may be kept that long.
     */
    default long generation() {
        return 0;
    }

    /**
     * A decision: allowed or not, the rule that decided ({@code "default"}, {@code "allow"},
     * {@code "deny"}, {@code "not-allowed"} (an allow list exists and does not name it),
     * {@code "min-age"}, {@code "unknown-age"}), and a short detail for the debug header and logs
     * (the entry that matched, the file's age), never more than one line.
     */
    record Decision(boolean allowed, String rule, String detail) {
        public static final Decision ALLOWED = new Decision(true, "default", "");
    }
}
