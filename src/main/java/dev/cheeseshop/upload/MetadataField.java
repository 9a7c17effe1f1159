package dev.cheeseshop.upload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The core-metadata fields the upload form may carry: the form key twine sends, the field's name
 * in METADATA (used in messages), how its values are read, and the metadata version that
 * introduced it. Keys the table does not know are ignored, as on PyPI.
 */
enum MetadataField {
    METADATA_VERSION("metadata_version", "metadata-version", Kind.STRING, "1.0"),
    NAME("name", "name", Kind.STRING, "1.0"),
    VERSION("version", "version", Kind.STRING, "1.0"),
    DYNAMIC("dynamic", "dynamic", Kind.LIST, "2.2"),
    PLATFORM("platform", "platform", Kind.LIST, "1.0"),
    SUPPORTED_PLATFORM("supported_platform", "supported-platform", Kind.LIST, "1.1"),
    SUMMARY("summary", "summary", Kind.STRING, "1.0"),
    DESCRIPTION("description", "description", Kind.STRING, "1.0"),
    DESCRIPTION_CONTENT_TYPE("description_content_type", "description-content-type", Kind.STRING, "2.1"),
    KEYWORDS("keywords", "keywords", Kind.KEYWORDS, "1.0"),
    HOME_PAGE("home_page", "home-page", Kind.STRING, "1.0"),
    DOWNLOAD_URL("download_url", "download-url", Kind.STRING, "1.1"),
    AUTHOR("author", "author", Kind.STRING, "1.0"),
    AUTHOR_EMAIL("author_email", "author-email", Kind.STRING, "1.0"),
    MAINTAINER("maintainer", "maintainer", Kind.STRING, "1.2"),
    MAINTAINER_EMAIL("maintainer_email", "maintainer-email", Kind.STRING, "1.2"),
    LICENSE("license", "license", Kind.STRING, "1.0"),
    LICENSE_EXPRESSION("license_expression", "license-expression", Kind.STRING, "2.4"),
    LICENSE_FILE("license_file", "license-file", Kind.LIST, "2.4"),
    CLASSIFIERS("classifiers", "classifier", Kind.LIST, "1.1"),
    REQUIRES_DIST("requires_dist", "requires-dist", Kind.LIST, "1.2"),
    REQUIRES_PYTHON("requires_python", "requires-python", Kind.STRING, "1.2"),
    REQUIRES_EXTERNAL("requires_external", "requires-external", Kind.LIST, "1.2"),
    PROJECT_URLS("project_urls", "project-url", Kind.URL_MAP, "1.2"),
    PROVIDES_EXTRA("provides_extra", "provides-extra", Kind.LIST, "2.1"),
    PROVIDES_DIST("provides_dist", "provides-dist", Kind.LIST, "1.2"),
    OBSOLETES_DIST("obsoletes_dist", "obsoletes-dist", Kind.LIST, "1.2"),
    IMPORT_NAME("import_name", "import-name", Kind.LIST, "2.5"),
    IMPORT_NAMESPACE("import_namespace", "import-namespace", Kind.LIST, "2.5"),
    REQUIRES("requires", "requires", Kind.LIST, "1.1"),
    PROVIDES("provides", "provides", Kind.LIST, "1.1"),
    OBSOLETES("obsoletes", "obsoletes", Kind.LIST, "1.1");

    /** How the form carries a field's values. */
    enum Kind {
        /** One value; sent twice, it "has invalid data". */
        STRING,
        /** Any number of values, the key repeated. */
        LIST,
        /** One comma-separated string. */
        KEYWORDS,
        /** "Label, URL" values with distinct labels. */
        URL_MAP
    }

    private static final Map<String, MetadataField> BY_FORM_KEY = new LinkedHashMap<>();

    static {
        for (MetadataField field : values()) {
            BY_FORM_KEY.put(field.formKey, field);
        }
    }

    final String formKey;
    final String emailName;
    final Kind kind;
    final String added;

    MetadataField(String formKey, String emailName, Kind kind, String added) {
        this.formKey = formKey;
        this.emailName = emailName;
        this.kind = kind;
        this.added = added;
    }

    static Optional<MetadataField> byFormKey(String key) {
        return Optional.ofNullable(BY_FORM_KEY.get(key));
    }

    /** Whether {@code name} (any case) is a field a METADATA file may declare {@code Dynamic}. */
    static boolean isKnownEmailName(String name) {
        for (MetadataField field : values()) {
            if (field.emailName.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
