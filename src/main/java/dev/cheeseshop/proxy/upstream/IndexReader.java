package dev.cheeseshop.proxy.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cheeseshop.model.ProjectName;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Reads the project index, {@code <root>/}, as it streams, handing each project's normalised name
 * to the consumer as soon as it is read: PEP 691 JSON ({@code projects[].name}) token by token with
 * Jackson's streaming parser, PEP 503 HTML ({@code <a>} texts, else the link's last path segment)
 * with jsoup's {@code StreamParser}, each link dropped once read. A name that is not a valid
 * project name is skipped (it could never be asked for).
 */
final class IndexReader {
    private static final JsonFactory JSON = new JsonFactory();

    private IndexReader() {}

    static void readJson(InputStream body, Consumer<String> names) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadablePage("the JSON index is not an object");
            }
            boolean listed = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("projects")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new UnreadablePage("the JSON index's projects is not a list");
                    }
                    listed = true;
                    projects(parser, names);
                } else if (field.equals("meta") && value == JsonToken.START_OBJECT) {
                    meta(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (!listed) {
                throw new UnreadablePage("the JSON index has no projects list");
            }
        }
    }

    private static void projects(JsonParser parser, Consumer<String> names) throws IOException {
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("name") && value == JsonToken.VALUE_STRING) {
                    offer(parser.getText(), names);
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    private static void meta(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("api-version") && value == JsonToken.VALUE_STRING) {
                Links.checkApiVersion(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    static void readHtml(Reader body, URI indexUrl, Consumer<String> names) throws IOException {
        HtmlPageReader.elements(body, indexUrl, element -> {
            if (element.normalName().equals("a")) {
                String text = element.text().strip();
                if (text.isEmpty()) {
                    text = Links.resolve(indexUrl, element.attr("href"))
                            .map(url -> Links.lastSegment(URI.create(url.toString().replaceAll("/+$", ""))))
                            .orElse("");
                }
                offer(text, names);
            } else if (element.normalName().equals("meta") && "pypi:repository-version".equals(element.attr("name"))) {
                try {
                    Links.checkApiVersion(element.attr("content"));
                } catch (UnreadablePage e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
    }

    private static void offer(String name, Consumer<String> names) {
        if (ProjectName.isValid(name)) {
            names.accept(ProjectName.normalize(name));
        }
    }
}
