package dev.cheeseshop.web;

import java.util.Map;

/**
 * What a management page says after a change (Post/Redirect/Get: the redirect names the change
 * with {@code ?done=<key>}). Only these keys are shown: a link cannot make the page say anything else.
 */
public final class ManageNotices {
    private static final Map<String, String> TEXTS = Map.of(
            "role-added", "The role was given.",
            "role-changed", "The role was changed.",
            "role-removed", "The role was taken away.",
            "yanked", "The release was yanked.",
            "unyanked", "The release was unyanked.",
            "file-deleted", "The file was deleted.",
            "release-deleted", "The release was deleted.",
            "project-deleted", "The project was deleted.");

    private ManageNotices() {}

    /** The text of the notice {@code key}, or null for none or an unknown key. */
    public static String text(String key) {
        return key == null ? null : TEXTS.get(key);
    }
}
