package dev.cheeseshop.web;

/**
 * What every page's frame needs: the path the site's links start with ({@code /}, or
 * {@code /pypi/} behind a proxy that serves it under a prefix), the full base URL the commands
 * shown name, the assets' served names, and the search box's current text.
 */
public record Chrome(String root, String base, Assets assets, String query) {
    public Chrome {
        if (!root.endsWith("/")) {
            throw new IllegalArgumentException("a root path ends with '/': " + root);
        }
    }

    /** The frame for a page under {@code base} (a URL without its trailing slash). */
    public static Chrome of(String base, Assets assets) {
        int authority = base.indexOf("://");
        int path = authority < 0 ? -1 : base.indexOf('/', authority + 3);
        return new Chrome(path < 0 ? "/" : base.substring(path) + "/", base, assets, "");
    }

    /** The same frame with the search box holding {@code text}. */
    public Chrome searching(String text) {
        return new Chrome(root, base, assets, text);
    }

    public String css() {
        return root + "static/" + assets.css();
    }

    public String js() {
        return root + "static/" + assets.js();
    }

    public String icon() {
        return root + "static/" + assets.icon();
    }

    /** A site path ({@code project/foo/}) as a link from any page. */
    public String link(String sitePath) {
        return root + sitePath;
    }
}
