package dev.cheeseshop.index;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The landing page's HTML: what the index is, the commands that install from it and upload to it
 * (with its own URLs in them), what it holds, and links to its listings and feeds. Every value put
 * into the page is escaped for where it goes: for the shell (quoted when it has a character the
 * shell would read), for TOML (a basic string), and always for HTML.
 */
final class LandingHtml {
    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Cheeseshop Python package index</title>
            <style>
            html { color: #1b1b1b; background: #fff; font: 100%/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
            body { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
            header { border-bottom: 1px solid #767676; padding: 1rem 0 0.5rem; }
            header h1 { margin: 0; }
            header p { margin: 0.25rem 0 0.5rem; }
            h2 { margin-top: 2rem; }
            h3 { margin: 1.25rem 0 0.25rem; font-size: 1.1rem; }
            a { color: #0645ad; }
            code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.95em; }
            pre { background: #f3f3f3; border: 1px solid #b0b0b0; border-radius: 4px; padding: 0.6rem 0.75rem;
                  white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.25rem 0 0.75rem; }
            pre code { font-size: 1em; }
            var { font-style: italic; font-weight: bold; }
            table { border-collapse: collapse; }
            th, td { padding: 0.2rem 1.5rem 0.2rem 0; border-bottom: 1px solid #d0d0d0; }
            th { text-align: left; font-weight: normal; }
            td { text-align: right; font-variant-numeric: tabular-nums; }
            footer { border-top: 1px solid #767676; margin-top: 2.5rem; padding: 0.5rem 0 1.5rem; color: #4a4a4a; }
            </style>
            </head>
            <body>
            <header>
            <h1>Cheeseshop</h1>
            <p>A Python package index at <a href="{{root}}">{{root}}</a></p>
            </header>
            <main>
            <p>This is a Cheeseshop, a Python package index that speaks the same protocols as pypi.org: \
            pip, uv, poetry and pdm install from it, twine, flit, poetry, pdm and uv upload to it, and mirrors \
            follow it. It holds only what has been uploaded here.</p>
            <section aria-labelledby="install">
            <h2 id="install">Install from it</h2>
            <h3>pip</h3>
            <p>For one command:</p>
            <pre><code>pip install --index-url {{simple-sh}} <var>PROJECT</var></code></pre>
            <p>For every command, in <code>pip.conf</code> (<code>~/.config/pip/pip.conf</code> on Linux, \
            <code>%APPDATA%\\pip\\pip.ini</code> on Windows):</p>
            <pre><code>[global]
            index-url = {{simple}}</code></pre>
            <h3>uv</h3>
            <p>For one command:</p>
            <pre><code>uv pip install --default-index {{simple-sh}} <var>PROJECT</var></code></pre>
            <p>For every command, from the environment:</p>
            <pre><code>export UV_DEFAULT_INDEX={{simple-sh}}</code></pre>
            <p>For a project (<code>uv add</code>, <code>uv lock</code>, <code>uv sync</code>), in its \
            <code>pyproject.toml</code>:</p>
            <pre><code>[[tool.uv.index]]
            name = "cheeseshop"
            url = {{simple-toml}}
            default = true</code></pre>
            </section>
            <section aria-labelledby="upload">
            <h2 id="upload">Upload to it</h2>
            <p>Uploads need an account on this index, which its administrator makes with \
            <code>cheeseshop user add</code>. Each tool reads the user name and password from the environment \
            variables named below it, or asks for them. Keep the password off the command line, where the \
            shell's history and the list of processes would show it.</p>
            <h3>twine</h3>
            <pre><code>python -m build
            twine upload --repository-url {{legacy-sh}} dist/*</code></pre>
            <p>Credentials: <code>TWINE_USERNAME</code> and <code>TWINE_PASSWORD</code>.</p>
            <h3>flit</h3>
            <pre><code>FLIT_INDEX_URL={{legacy-sh}} flit publish</code></pre>
            <p>Credentials: <code>FLIT_USERNAME</code> and <code>FLIT_PASSWORD</code>.</p>
            <h3>poetry</h3>
            <pre><code>poetry config repositories.cheeseshop {{legacy-sh}}
            poetry publish --build -r cheeseshop</code></pre>
            <p>Credentials: <code>POETRY_HTTP_BASIC_CHEESESHOP_USERNAME</code> and \
            <code>POETRY_HTTP_BASIC_CHEESESHOP_PASSWORD</code>.</p>
            <h3>pdm</h3>
            <pre><code>pdm publish -r {{legacy-sh}}</code></pre>
            <p>Credentials: <code>PDM_PUBLISH_USERNAME</code> and <code>PDM_PUBLISH_PASSWORD</code>.</p>
            <h3>uv</h3>
            <pre><code>uv build
            uv publish --publish-url {{legacy-sh}}</code></pre>
            <p>Credentials: <code>UV_PUBLISH_USERNAME</code> and <code>UV_PUBLISH_PASSWORD</code>.</p>
            </section>
            <section aria-labelledby="holds">
            <h2 id="holds">What it holds</h2>
            <table>
            <tr><th scope="row">Projects</th><td>{{projects}}</td></tr>
            <tr><th scope="row">Releases</th><td>{{releases}}</td></tr>
            <tr><th scope="row">Files</th><td>{{files}}</td></tr>
            <tr><th scope="row">Last serial</th><td>{{serial}}</td></tr>
            </table>
            <p>The last serial numbers the newest entry in the index's journal of changes, which mirrors \
            follow over XML-RPC.</p>
            </section>
            <section aria-labelledby="follow">
            <h2 id="follow">Browse and follow</h2>
            <ul>
            <li><a href="{{root}}simple/">The Simple index</a>: every project, as installers read it</li>
            <li><a href="{{root}}rss/updates.xml">Newest releases</a> (RSS feed)</li>
            <li><a href="{{root}}rss/packages.xml">Newest projects</a> (RSS feed)</li>
            </ul>
            </section>
            </main>
            <footer>
            <p>Served by Cheeseshop, a self-hosted package index compatible with PyPI.</p>
            </footer>
            </body>
            </html>
            """;

    private LandingHtml() {}

    /** The page for an index whose URLs start at {@code root} (with its trailing slash). */
    static byte[] render(LandingPage.Counts counts, String root) {
        String simple = root + "simple/";
        String legacy = root + "legacy/";
        Map<String, String> values = Map.of(
                "root", Html.escape(root),
                "simple", Html.escape(simple),
                "simple-sh", Html.escape(shellWord(simple)),
                "simple-toml", Html.escape(tomlString(simple)),
                "legacy-sh", Html.escape(shellWord(legacy)),
                "projects", number(counts.projects()),
                "releases", number(counts.releases()),
                "files", number(counts.files()),
                "serial", Long.toString(counts.lastSerial().value()));
        return fill(values).getBytes(StandardCharsets.UTF_8);
    }

    /** The template with every {@code {{name}}} replaced, in one pass: a value is never read again. */
    private static String fill(Map<String, String> values) {
        StringBuilder out = new StringBuilder(TEMPLATE.length() + 1024);
        int at = 0;
        while (true) {
            int open = TEMPLATE.indexOf("{{", at);
            if (open < 0) {
                return out.append(TEMPLATE, at, TEMPLATE.length()).toString();
            }
            int close = TEMPLATE.indexOf("}}", open);
            String value = values.get(TEMPLATE.substring(open + 2, close));
            if (value == null) {
                throw new IllegalStateException("no value for " + TEMPLATE.substring(open, close + 2));
            }
            out.append(TEMPLATE, at, open).append(value);
            at = close + 2;
        }
    }

    /** Counts with thousands separators, the same in every locale: {@code 12,345}. */
    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * One word for a POSIX shell: as it is when every character is one the shell takes literally
     * anywhere in a word (an assignment's value included, so not {@code ~}), otherwise in single
     * quotes (a quote inside as {@code '\''}). A URL may hold {@code &}, {@code ;}, {@code $},
     * {@code (} or {@code '}.
     */
    static String shellWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_./:@%+=,".indexOf(c) >= 0;
            if (!plain) {
                return "'" + text.replace("'", "'\\''") + "'";
            }
        }
        return text;
    }

    /** A TOML basic string. */
    static String tomlString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
