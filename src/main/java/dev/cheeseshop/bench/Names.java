package dev.cheeseshop.bench;

import dev.cheeseshop.model.ProjectName;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Project and user names shaped like PyPI's: ecosystem prefixes ({@code django-}, {@code pytest-},
 * {@code types-}), one to three words joined by {@code -}, {@code _}, {@code .} or run together in
 * CamelCase, mixed case, digits; so that PEP 503 normalisation matters. Normalised names are
 * unique: a clash gets a number appended.
 */
final class Names {
    private static final String[] WORDS = {
        "data", "json", "http", "web", "api", "client", "server", "async", "cache", "config", "tools", "utils",
        "core", "cli", "test", "mock", "parser", "model", "models", "auth", "crypto", "image", "graph", "plot",
        "stream", "queue", "task", "worker", "log", "logger", "schema", "form", "forms", "admin", "rest", "sql",
        "db", "orm", "redis", "kafka", "aws", "azure", "cloud", "storage", "file", "files", "path", "yaml", "toml",
        "xml", "csv", "text", "nlp", "vision", "torch", "tensor", "learn", "ml", "ai", "agent", "llm", "chat",
        "bot", "slack", "discord", "telegram", "email", "mail", "time", "date", "geo", "map", "maps", "math",
        "stats", "signal", "audio", "video", "media", "pdf", "doc", "docs", "sphinx", "theme", "template",
        "render", "markdown", "html", "css", "ui", "gui", "qt", "tk", "game", "engine", "net", "socket", "ssh",
        "docker", "kube", "deploy", "build", "package", "wheel", "lint", "format", "type", "types", "check",
        "spec", "plugin", "plugins", "ext", "extra", "contrib", "simple", "fast", "tiny", "micro", "mini",
        "super", "easy", "smart", "open", "free", "my", "the", "hello", "world", "demo", "example", "sample",
        "project", "lib", "kit", "hub", "lab", "flow", "pipe", "line", "sync", "shell", "env", "secret", "vault",
        "metrics", "trace", "monitor", "alert", "health", "ping", "scan", "search", "index", "store", "dict",
        "list", "tree", "hash", "uuid", "id", "token", "jwt", "oauth", "user", "account", "payment", "shop",
        "cart", "order", "invoice", "report", "excel", "sheet", "table", "frame", "array", "vector", "matrix",
    };
    private static final String[] PREFIXES = {
        "django-", "flask-", "pytest-", "sphinxcontrib-", "types-", "azure-mgmt-", "jupyterlab-", "mkdocs-",
        "apache-airflow-providers-", "odoo-addon-", "py", "python-", "ckanext-", "collective.", "plone.",
        "zope.", "fastapi-", "pyramid_", "tap-", "dbt-",
    };
    private static final String[] SURNAMES = {
        "smith", "jones", "garcia", "miller", "davis", "chen", "wang", "kim", "singh", "kumar", "silva",
        "muller", "rossi", "novak", "ivanov", "sato", "tanaka", "nguyen", "lopez", "martin",
    };
    private static final String[] GIVEN = {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "nina",
        "oscar", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe",
    };

    private final SplittableRandom random;
    private final Set<String> taken = new HashSet<>();

    Names(SplittableRandom random) {
        this.random = random;
    }

    /** A new project name whose normalised form no earlier one had. */
    ProjectName project() {
        ProjectName name = ProjectName.of(projectShape());
        while (!taken.add(name.normalized())) {
            String separator = random.nextInt(3) == 0 ? "_" : "-";
            name = ProjectName.of(name.display() + separator + (2 + random.nextInt(999)));
        }
        return name;
    }

    private String projectShape() {
        int words = 1 + (random.nextInt(100) < 15 ? 0 : random.nextInt(100) < 65 ? 1 : 2);
        int joint = random.nextInt(100);
        String separator = joint < 55 ? "-" : joint < 75 ? "_" : joint < 80 ? "." : "";
        int casing = random.nextInt(100);
        StringBuilder name = new StringBuilder();
        if (random.nextInt(100) < 15) {
            name.append(PREFIXES[random.nextInt(PREFIXES.length)]);
        }
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                name.append(separator);
            }
            String word = WORDS[random.nextInt(WORDS.length)];
            if (separator.isEmpty() && i > 0 || casing >= 85) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            } else if (casing >= 82) {
                word = word.toUpperCase(Locale.ROOT);
            }
            name.append(word);
        }
        if (random.nextInt(100) < 8) {
            name.append(random.nextInt(2) == 0 ? "" : separator).append(1 + random.nextInt(4));
        }
        return name.toString();
    }

    /** A new username ({@code alice.smith}, {@code Bob_Kim42}), unique when lower-cased. */
    String user() {
        String given = GIVEN[random.nextInt(GIVEN.length)];
        String surname = SURNAMES[random.nextInt(SURNAMES.length)];
        String name = switch (random.nextInt(4)) {
            case 0 -> given + "." + surname;
            case 1 -> Character.toUpperCase(given.charAt(0)) + given.substring(1) + "_" + surname;
            case 2 -> given.charAt(0) + surname;
            default -> given + "-" + surname.substring(0, 1 + random.nextInt(surname.length() - 1));
        };
        String candidate = name;
        while (!taken.add("user:" + candidate.toLowerCase(Locale.ROOT))) {
            candidate = name + random.nextInt(100_000);
        }
        return candidate;
    }
}
