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

import java.util.ArrayList;
import java.util.List;

/**
 * Stub methods with exactly PyPI's signatures (warehouse/legacy/api/xmlrpc/views.py). Working
 * methods return {@code [name, args...]} so tests can see what was bound; disabled ones fault as
 * PyPI does.
 */
final class PypiStubs {
    static final String DOCS = "See https://warehouse.pypa.io/api-reference/xml-rpc.html#deprecated-methods"
            + " for more information.";

    private PypiStubs() {
    }

    static MethodTable table() {
        return MethodTable.builder()
                .method("changelog_last_serial", echo("changelog_last_serial"))
                .method("changelog_since_serial", echo("changelog_since_serial"), required("serial", INT))
                .method("list_packages_with_serial", echo("list_packages_with_serial"))
                .method("package_roles", echo("package_roles"), required("package_name", STR))
                .method("user_packages", echo("user_packages"), required("username", STR))
                .method("browse", echo("browse"), required("classifiers", LIST_OF_STR))
                .method("system.multicall", fail("ValueError",
                        "MultiCall requests have been deprecated, use individual requests instead."),
                        required("args", ANY))
                .method("changelog", fail("ValueError",
                        "The changelog method has been deprecated, use changelog_since_serial instead."),
                        required("since", INT), optional("with_ids", BOOL, false))
                .method("package_data", fail("RuntimeError", "This API has been deprecated. " + DOCS),
                        required("package_name", ANY), required("version", ANY))
                .method("package_urls", fail("RuntimeError", "This API has been deprecated. " + DOCS),
                        required("package_name", ANY), required("version", ANY))
                .method("top_packages", fail("RuntimeError", "This API has been removed. Use BigQuery instead. "
                        + DOCS), optional("num", INT_OR_NONE, null))
                .method("search", fail("RuntimeError", "PyPI no longer supports 'pip search' (or XML-RPC "
                        + "search). Please use https://pypi.org/search (via a browser) instead. " + DOCS),
                        required("spec", SEARCH_SPEC), optional("operator", STR, "and"))
                .method("list_packages", disabled("list_packages", "Simple API"))
                .method("package_releases", disabled("package_releases", "JSON or Simple API"),
                        required("package_name", STR), optional("show_hidden", BOOL, false))
                .method("release_urls", disabled("release_urls", "JSON or Simple API"),
                        required("package_name", STR), required("version", STR))
                .method("release_data", disabled("release_data", "JSON or Simple API"),
                        required("package_name", STR), required("version", STR))
                .build();
    }

    private static MethodBody echo(String name) {
        return args -> {
            List<Object> out = new ArrayList<>();
            out.add(name);
            for (Param p : args.params()) {
                out.add(args.get(p.name()));
            }
            return out;
        };
    }

    private static MethodBody fail(String exception, String message) {
        return args -> {
            throw XmlRpcFault.wrapped(exception, message);
        };
    }

    private static MethodBody disabled(String method, String instead) {
        return fail("RuntimeError", "PyPI no longer supports the XMLRPC " + method + " method. Use "
                + instead + " instead. " + DOCS);
    }
}
