package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.ArgType.ANY;
import static dev.cheeseshop.xmlrpc.ArgType.BOOL;
import static dev.cheeseshop.xmlrpc.ArgType.INT;
import static dev.cheeseshop.xmlrpc.ArgType.INT_OR_NONE;
import static dev.cheeseshop.xmlrpc.ArgType.LIST_OF_STR;
import static dev.cheeseshop.xmlrpc.ArgType.SEARCH_SPEC;
import static dev.cheeseshop.xmlrpc.ArgType.STR;
import static dev.cheeseshop.xmlrpc.Param.optional;
import static dev.cheeseshop.xmlrpc.Param.required;

import dev.cheeseshop.journal.Journal;
import dev.cheeseshop.store.MetadataStore;
import java.math.BigInteger;
import java.util.List;

/**
 * Every method PyPI registers on its XML-RPC endpoint, with PyPI's exact signatures (names,
 * strict types, defaults: warehouse/legacy/api/xmlrpc/views.py), so that arguments are checked
 * as PyPI checks them before any body runs. Six methods work ({@link Queries}); the ten PyPI has
 * disabled answer its exact -32500 faults (warehouse-xmlrpc.md §1.5). Any other name, including
 * {@code system.listMethods}, is -32601.
 */
public final class PypiMethods {
    /** Where PyPI's deprecation faults send people. */
    static final String SEE_DOCS = "See https://warehouse.pypa.io/api-reference/xml-rpc.html#deprecated-methods"
            + " for more information.";
    /**
     * The domain in {@code search}'s fault: PyPI's production text. (Warehouse names its
     * configured domain; this index has no search page to point to instead.)
     */
    static final String SEARCH_DOMAIN = "pypi.org";

    /** The working methods, with checked arguments; each returns what {@link ResponseWriter} takes. */
    public interface Queries {
        /** The newest serial, or null (nil) on an empty journal. */
        Object changelogLastSerial() throws Exception;

        /** Journal rows after {@code serial} (any size, negative included), oldest first, capped. */
        Object changelogSinceSerial(BigInteger serial) throws Exception;

        /** Every project's display name with its last serial. */
        Object listPackagesWithSerial() throws Exception;

        /** {@code [role, username]} for the project spelled any way; [] when there is none. */
        Object packageRoles(String packageName) throws Exception;

        /** {@code [role, project display name]} for the user in any case; [] when there is none. */
        Object userPackages(String username) throws Exception;

        /** {@code [project display name, version]} of every release carrying all the classifiers. */
        Object browse(List<String> classifiers) throws Exception;
    }

    private PypiMethods() {
    }

    /** The table bound to this index's journal and store. */
    public static MethodTable table(Journal journal, MetadataStore store) {
        return table(new IndexQueries(journal, store));
    }

    /** The table with the given working methods and PyPI's disabled ones. */
    public static MethodTable table(Queries q) {
        return MethodTable.builder()
                // Mirroring: supported.
                .method("changelog_last_serial", args -> q.changelogLastSerial())
                .method("changelog_since_serial", args -> q.changelogSinceSerial(args.integer("serial")),
                        required("serial", INT))
                .method("list_packages_with_serial", args -> q.listPackagesWithSerial())
                // Package querying: working, documented by PyPI as unsupported.
                .method("package_roles", args -> q.packageRoles(args.string("package_name")),
                        required("package_name", STR))
                .method("user_packages", args -> q.userPackages(args.string("username")),
                        required("username", STR))
                .method("browse", args -> q.browse(args.stringList("classifiers")),
                        required("classifiers", LIST_OF_STR))
                // Disabled: arguments are still checked first, then PyPI's fault.
                .method("system.multicall", fault("ValueError",
                        "MultiCall requests have been deprecated, use individual requests instead."),
                        required("args", ANY))
                .method("changelog", fault("ValueError",
                        "The changelog method has been deprecated, use changelog_since_serial instead."),
                        required("since", INT), optional("with_ids", BOOL, false))
                .method("package_data", fault("RuntimeError", "This API has been deprecated. " + SEE_DOCS),
                        required("package_name", ANY), required("version", ANY))
                .method("package_urls", fault("RuntimeError", "This API has been deprecated. " + SEE_DOCS),
                        required("package_name", ANY), required("version", ANY))
                .method("top_packages", fault("RuntimeError",
                        "This API has been removed. Use BigQuery instead. " + SEE_DOCS),
                        optional("num", INT_OR_NONE, null))
                .method("search", fault("RuntimeError", "PyPI no longer supports 'pip search' (or XML-RPC search)."
                        + " Please use https://" + SEARCH_DOMAIN + "/search (via a browser) instead. " + SEE_DOCS),
                        required("spec", SEARCH_SPEC), optional("operator", STR, "and"))
                .method("list_packages", noLonger("list_packages", "Simple API"))
                .method("package_releases", noLonger("package_releases", "JSON or Simple API"),
                        required("package_name", STR), optional("show_hidden", BOOL, false))
                .method("release_urls", noLonger("release_urls", "JSON or Simple API"),
                        required("package_name", STR), required("version", STR))
                .method("release_data", noLonger("release_data", "JSON or Simple API"),
                        required("package_name", STR), required("version", STR))
                .build();
    }

    private static MethodBody fault(String exceptionClass, String message) {
        XmlRpcFault fault = XmlRpcFault.wrapped(exceptionClass, message);
        return args -> {
            throw fault;
        };
    }

    private static MethodBody noLonger(String method, String instead) {
        return fault("RuntimeError", "PyPI no longer supports the XMLRPC " + method + " method. Use " + instead
                + " instead. " + SEE_DOCS);
    }
}
