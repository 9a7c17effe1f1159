package dev.cheeseshop.web;

import dev.cheeseshop.index.UrlPaths;

/**
 * The site paths of the management pages, at pypi.org's shapes under {@code manage/}: a project's
 * page, its forms' targets, and the deletions' confirmation pages.
 */
public final class ManagePaths {
    private ManagePaths() {}

    /** The list of the signed-in user's projects. */
    public static String projects() {
        return "manage/projects/";
    }

    /** A project's management page. */
    public static String project(String normalizedName) {
        return "manage/project/" + UrlPaths.encodePath(normalizedName) + "/";
    }

    /** Where a role form posts: {@code add}, {@code change} or {@code remove}. */
    public static String roles(String normalizedName, String action) {
        return project(normalizedName) + "roles/" + action + "/";
    }

    /** A release's part of the management pages. */
    public static String release(String normalizedName, String version) {
        return project(normalizedName) + "release/" + UrlPaths.encodePath(version) + "/";
    }

    /** Where a yank ({@code yank}) or unyank ({@code unyank}) form posts. */
    public static String yank(String normalizedName, String version, String action) {
        return release(normalizedName, version) + action + "/";
    }

    /** The confirmation page of a release's deletion. */
    public static String deleteRelease(String normalizedName, String version) {
        return release(normalizedName, version) + "delete/";
    }

    /** The confirmation page of a file's deletion. */
    public static String deleteFile(String normalizedName, String version, String filename) {
        return release(normalizedName, version) + "files/" + UrlPaths.encodePath(filename) + "/delete/";
    }

    /** The confirmation page of the project's deletion. */
    public static String deleteProject(String normalizedName) {
        return project(normalizedName) + "delete/";
    }
}
