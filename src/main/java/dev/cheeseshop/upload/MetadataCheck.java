package dev.cheeseshop.upload;

import dev.cheeseshop.model.ProjectName;
import dev.cheeseshop.model.ReleaseMetadata;
import dev.cheeseshop.model.Version;
import dev.cheeseshop.model.VersionSpecifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The release metadata in the upload form, checked as PyPI checks it (packaging's metadata rules
 * plus PyPI's own): supported metadata versions, a valid PEP 440 version without a local part,
 * fields not newer than the declared metadata version, and the per-field rules below. When several
 * fields are wrong, the error reported is the one for metadata-version, else name, else version,
 * else the alphabetically first field, as on PyPI.
 */
final class MetadataCheck {
    static final List<String> SUPPORTED_VERSIONS = List.of("1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5");
    private static final List<String> PRIORITY = List.of("metadata-version", "name", "version");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "text/x-rst", "text/markdown");
    private static final int SUMMARY_LIMIT = 512;

    /** The checked metadata and the parsed version. */
    record Result(Version version, ReleaseMetadata metadata) {}

    private record Problem(String field, String message) {}

    private MetadataCheck() {}

    static Result check(UploadRequest request) throws UploadProblem {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        List<Problem> unparsed = new ArrayList<>();
        for (String key : request.fields().keySet()) {
            MetadataField.byFormKey(key).ifPresent(field -> read(field, request.all(key), raw, unparsed));
        }
        if (!unparsed.isEmpty()) {
            throw report(unparsed);
        }
        List<Problem> problems = new ArrayList<>();
        String metadataVersion = first(raw, MetadataField.METADATA_VERSION);
        boolean knownVersion = metadataVersion != null && SUPPORTED_VERSIONS.contains(metadataVersion);
        if (!knownVersion) {
            problems.add(new Problem("metadata-version", Python.repr(metadataVersion) + " is not a valid metadata version"));
        }
        Version version = checkVersion(first(raw, MetadataField.VERSION), problems);
        checkName(first(raw, MetadataField.NAME), problems);
        for (MetadataField field : MetadataField.values()) {
            if (raw.containsKey(field.formKey) && knownVersion && newer(field.added, metadataVersion)) {
                problems.add(new Problem(field.emailName, field.emailName + " introduced in metadata version "
                        + field.added + ", not " + metadataVersion));
            }
        }
        checkFields(raw, problems);
        if (!problems.isEmpty()) {
            throw report(problems);
        }
        return new Result(version, new ReleaseMetadata(raw));
    }

    private static void read(MetadataField field, List<String> values, Map<String, List<String>> raw,
            List<Problem> unparsed) {
        if (values.isEmpty() || (values.size() == 1 && values.get(0).isEmpty())) {
            return; // an empty value is treated as absent
        }
        switch (field.kind) {
            case STRING, KEYWORDS -> {
                if (values.size() == 1) {
                    raw.put(field.formKey, values);
                } else {
                    unparsed.add(new Problem(field.formKey, Python.repr(field.formKey) + " has invalid data"));
                }
            }
            case LIST -> raw.put(field.formKey, values);
            case URL_MAP -> {
                Set<String> labels = new LinkedHashSet<>();
                for (String value : values) {
                    int comma = value.indexOf(',');
                    String label = (comma < 0 ? value : value.substring(0, comma)).strip();
                    if (!labels.add(label)) {
                        unparsed.add(new Problem(field.formKey, Python.repr(field.formKey) + " has invalid data"));
                        return;
                    }
                }
                raw.put(field.formKey, values);
            }
        }
    }

    private static Version checkVersion(String text, List<Problem> problems) {
        if (text == null) {
            problems.add(new Problem("version", "'version' is a required field"));
            return null;
        }
        try {
            Version version = Version.parse(text);
            if (version.hasLocal()) {
                problems.add(new Problem("version", "The use of local versions in '" + version + "' is not allowed."));
            }
            return version;
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("version", Python.repr(text) + " is invalid for 'version'"));
            return null;
        }
    }

    private static void checkName(String name, List<Problem> problems) {
        if (name == null) {
            problems.add(new Problem("name", "'name' is a required field"));
        } else if (!ProjectName.isValid(name)) {
            problems.add(new Problem("name", Python.repr(name) + " is invalid for 'name'"));
        }
    }

    private static void checkFields(Map<String, List<String>> raw, List<Problem> problems) {
        String summary = first(raw, MetadataField.SUMMARY);
        if (summary != null && summary.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x0b || c == 0x0c
                || (c >= 0x1c && c <= 0x1e) || c == 0x85 || c == 0x2028 || c == 0x2029)) {
            problems.add(new Problem("summary", "'summary' must be a single line"));
        } else if (summary != null && summary.length() > SUMMARY_LIMIT) {
            problems.add(new Problem("summary", "'summary' field must be " + SUMMARY_LIMIT + " characters or less."));
        }
        String contentType = first(raw, MetadataField.DESCRIPTION_CONTENT_TYPE);
        if (contentType != null) {
            checkContentType(contentType, problems);
        }
        String requiresPython = first(raw, MetadataField.REQUIRES_PYTHON);
        if (requiresPython != null && !VersionSpecifiers.isValid(requiresPython)) {
            problems.add(new Problem("requires-python", Python.repr(requiresPython) + " is invalid for 'requires-python'"));
        }
        for (String extra : raw.getOrDefault(MetadataField.PROVIDES_EXTRA.formKey, List.of())) {
            if (!ProjectName.isValid(extra)) {
                problems.add(new Problem("provides-extra", Python.repr(extra) + " is invalid for 'provides-extra'"));
                break;
            }
        }
        for (String dynamic : raw.getOrDefault(MetadataField.DYNAMIC.formKey, List.of())) {
            String lower = dynamic.toLowerCase(java.util.Locale.ROOT);
            if (PRIORITY.contains(lower)) {
                problems.add(new Problem("dynamic", Python.repr(lower) + " is not allowed as a dynamic field"));
            } else if (!MetadataField.isKnownEmailName(lower)) {
                problems.add(new Problem("dynamic", Python.repr(lower) + " is not a valid dynamic field"));
            }
        }
        if (raw.containsKey(MetadataField.LICENSE.formKey) && raw.containsKey(MetadataField.LICENSE_EXPRESSION.formKey)) {
            problems.add(new Problem("license", "License is deprecated when License-Expression is present. "
                    + "Only License-Expression should be present."));
        }
    }

    private static void checkContentType(String value, List<Problem> problems) {
        String[] parts = value.split(";");
        String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!CONTENT_TYPES.contains(type)) {
            problems.add(new Problem("description-content-type", "'description-content-type' must be one of "
                    + "['text/plain', 'text/x-rst', 'text/markdown'], not " + Python.repr(value)));
            return;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            String key = pair[0].strip().toLowerCase(java.util.Locale.ROOT);
            String param = pair.length > 1 ? pair[1].strip().replace("\"", "") : "";
            if (key.equals("charset") && !param.equalsIgnoreCase("utf-8")) {
                problems.add(new Problem("description-content-type",
                        "'description-content-type' can only specify the UTF-8 charset, not " + Python.repr(param)));
            } else if (key.equals("variant") && type.equals("text/markdown")
                    && !param.equals("GFM") && !param.equals("CommonMark")) {
                problems.add(new Problem("description-content-type", "valid Markdown variants for "
                        + "'description-content-type' are ['GFM', 'CommonMark'], not " + Python.repr(param)));
            }
        }
    }

    private static UploadProblem report(List<Problem> problems) {
        Problem chosen = null;
        for (String field : PRIORITY) {
            for (Problem p : problems) {
                if (p.field.equals(field)) {
                    chosen = p;
                    break;
                }
            }
            if (chosen != null) {
                break;
            }
        }
        if (chosen == null) {
            chosen = problems.stream().min((a, b) -> a.field.compareTo(b.field)).orElseThrow();
        }
        String url = chosen.field.equals("version") && chosen.message.contains("use of local versions")
                ? Messages.LOCAL_VERSIONS_URL : Messages.CORE_METADATA_URL;
        String message = chosen.message.endsWith(".") ? chosen.message : chosen.message + ".";
        return UploadProblem.badRequest(UploadProblem.Reason.METADATA, message + " See " + url + " for more information.");
    }

    private static boolean newer(String added, String declared) {
        return SUPPORTED_VERSIONS.indexOf(added) > SUPPORTED_VERSIONS.indexOf(declared);
    }

    private static String first(Map<String, List<String>> raw, MetadataField field) {
        List<String> values = raw.get(field.formKey);
        return values == null ? null : values.get(0);
    }
}
