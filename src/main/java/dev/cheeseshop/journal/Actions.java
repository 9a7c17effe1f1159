package dev.cheeseshop.journal;

import dev.cheeseshop.model.RoleName;

/**
 * The action texts of journal entries, spelled exactly as PyPI writes them: mirrors and scripts
 * parse these strings.
 */
public final class Actions {
    public static final String CREATE = "create";
    public static final String NEW_RELEASE = "new release";
    public static final String REMOVE_RELEASE = "remove release";
    public static final String REMOVE_PROJECT = "remove project";
    public static final String YANK_RELEASE = "yank release";
    public static final String UNYANK_RELEASE = "unyank release";
    public static final String PROJECT_QUARANTINED = "project quarantined";
    public static final String PROJECT_QUARANTINE_CLEARED = "project quarantine cleared";
    public static final String RELEASE_QUARANTINED = "release quarantined";
    public static final String RELEASE_QUARANTINE_CLEARED = "release quarantine cleared";

    private Actions() {}

    /** {@code add Owner alice}. */
    public static String addRole(RoleName role, String username) {
        return "add " + role + " " + username;
    }

    /** {@code change Maintainer bob to Owner}. */
    public static String changeRole(RoleName from, String username, RoleName to) {
        return "change " + from + " " + username + " to " + to;
    }

    /** {@code remove Maintainer bob}. */
    public static String removeRole(RoleName role, String username) {
        return "remove " + role + " " + username;
    }

    /** {@code add py3 file foo-1.0-py3-none-any.whl}, or {@code add source file foo-1.0.tar.gz}. */
    public static String addFile(String pythonVersion, String filename) {
        return "add " + pythonVersion + " file " + filename;
    }

    /** {@code remove file foo-1.0.tar.gz}. */
    public static String removeFile(String filename) {
        return "remove file " + filename;
    }
}
