package dev.cheeseshop.upload;

import dev.cheeseshop.model.PackageType;
import dev.cheeseshop.model.ProjectName;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The upload form's own fields (name, filetype, pyversion, digests, comment), checked as PyPI's
 * {@code UploadForm} checks them: only against what the client sent, before anything is looked up.
 * When several fields are wrong, the error reported is for {@code name}, else the alphabetically
 * first field, as on PyPI.
 */
record UploadForm(ProjectName name, PackageType filetype, String pyversion, SuppliedDigests digests, String comment) {
    private static final Pattern HEX64 = Pattern.compile("^[A-Fa-f0-9]{64}$");
    private static final String NAME_RULE =
            "Start and end with a letter or numeral containing only ASCII numeric and '.', '_' and '-'.";

    /** The digests the client claims, lower-cased; any may be absent. */
    record SuppliedDigests(Optional<String> md5, Optional<String> sha256, Optional<String> blake2b256) {}

    static UploadForm check(UploadRequest request) throws UploadProblem {
        Map<String, String> errors = new TreeMap<>();
        String name = request.first("name").orElse("");
        nameFault(name).ifPresent(fault -> errors.put("name", fault));
        String filetype = request.first("filetype").orElse("");
        if (filetype.isEmpty()) {
            errors.put("filetype", "This field is required.");
        } else if (PackageType.parse(filetype).isEmpty()) {
            errors.put("filetype", "Use a known file type.");
        }
        Optional<String> sha256 = nonEmpty(request, "sha256_digest");
        if (sha256.isPresent() && !HEX64.matcher(sha256.get()).matches()) {
            errors.put("sha256_digest", "Use a valid, hex-encoded, SHA256 message digest.");
        }
        Optional<String> blake2 = nonEmpty(request, "blake2_256_digest");
        if (blake2.isPresent() && !HEX64.matcher(blake2.get()).matches()) {
            errors.put("blake2_256_digest", "Use a valid, hex-encoded, BLAKE2 message digest.");
        }
        if (!errors.isEmpty()) {
            throw fieldError(errors, name);
        }

        PackageType type = PackageType.parse(filetype).orElseThrow();
        String pyversion = nonEmpty(request, "pyversion").orElse(null);
        if (type != PackageType.sdist && pyversion == null) {
            throw invalidValue("pyversion", "Python version is required for binary distribution uploads.");
        }
        if (type == PackageType.sdist) {
            if (pyversion == null) {
                pyversion = "source";
            } else if (!pyversion.equals("source")) {
                throw invalidValue("pyversion", "Use 'source' as Python version for an sdist.");
            }
        }
        Optional<String> md5 = nonEmpty(request, "md5_digest");
        if (md5.isEmpty() && sha256.isEmpty() && blake2.isEmpty()) {
            throw UploadProblem.badRequest(UploadProblem.Reason.FORM, "Error: Include at least one message digest.");
        }
        SuppliedDigests supplied = new SuppliedDigests(md5.map(UploadForm::lower), sha256.map(UploadForm::lower),
                blake2.map(UploadForm::lower));
        return new UploadForm(ProjectName.of(name), type, pyversion, supplied, nonEmpty(request, "comment").orElse(null));
    }

    private static UploadProblem fieldError(Map<String, String> errors, String name) {
        String field = errors.containsKey("name") ? "name" : errors.keySet().iterator().next();
        if (field.equals("name")) {
            return UploadProblem.badRequest(UploadProblem.Reason.FORM, nameError(name, errors.get(field)));
        }
        return invalidValue(field, errors.get(field));
    }

    /** PyPI's message for a bad {@code name} field, the value shortened past 60 characters as PyPI shortens it. */
    private static String nameError(String name, String error) {
        String shown = name.length() > 60 ? name.substring(0, 30) + "..." + name.substring(name.length() - 30) : name;
        return Python.repr(shown) + " is an invalid value for Name. Error: " + error + " See " + Messages.CORE_METADATA_URL
                + " for more information.";
    }

    /** The upload's refusal of a name for a new project, or empty when the name follows PyPI's rule. */
    static Optional<String> nameRefusal(String name) {
        String given = name == null ? "" : name;
        return nameFault(given).map(fault -> nameError(given, fault));
    }

    private static Optional<String> nameFault(String name) {
        if (name.isEmpty()) {
            return Optional.of("This field is required.");
        }
        return ProjectName.isValid(name) ? Optional.empty() : Optional.of(NAME_RULE);
    }

    private static UploadProblem invalidValue(String field, String error) {
        return UploadProblem.badRequest(UploadProblem.Reason.FORM, "Invalid value for " + field + ". Error: " + error);
    }

    private static Optional<String> nonEmpty(UploadRequest request, String field) {
        return request.first(field).filter(value -> !value.isEmpty());
    }

    private static String lower(String hex) {
        return hex.toLowerCase(Locale.ROOT);
    }
}
