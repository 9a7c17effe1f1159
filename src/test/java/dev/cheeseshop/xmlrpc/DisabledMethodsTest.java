package dev.cheeseshop.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The methods PyPI has disabled answer its exact faults (warehouse-xmlrpc.md §1.5), once their
 * arguments pass; names PyPI never registered, or removed, are not found (§1.1).
 */
class DisabledMethodsTest {
    private static final MethodTable TABLE = PypiStubs.table();
    private static final String DOCS = "See https://warehouse.pypa.io/api-reference/xml-rpc.html#deprecated-methods"
            + " for more information.";

    /** One row per line of the §1.5 table (package_data and package_urls share one there). */
    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("system.multicall", List.of(List.of()),
                        "ValueError: MultiCall requests have been deprecated, use individual requests instead."),
                Arguments.of("changelog", List.of(0L),
                        "ValueError: The changelog method has been deprecated, use changelog_since_serial instead."),
                Arguments.of("package_data", List.of("x", "1"), "RuntimeError: This API has been deprecated. " + DOCS),
                Arguments.of("package_urls", List.of("x", "1"), "RuntimeError: This API has been deprecated. " + DOCS),
                Arguments.of("top_packages", List.of(),
                        "RuntimeError: This API has been removed. Use BigQuery instead. " + DOCS),
                Arguments.of("search", List.of(Map.of("name", "x")),
                        "RuntimeError: PyPI no longer supports 'pip search' (or XML-RPC search). Please use "
                                + "https://pypi.org/search (via a browser) instead. " + DOCS),
                Arguments.of("list_packages", List.of(), "RuntimeError: PyPI no longer supports the XMLRPC "
                        + "list_packages method. Use Simple API instead. " + DOCS),
                Arguments.of("package_releases", List.of("x"), "RuntimeError: PyPI no longer supports the XMLRPC "
                        + "package_releases method. Use JSON or Simple API instead. " + DOCS),
                Arguments.of("release_urls", List.of("x", "1"), "RuntimeError: PyPI no longer supports the XMLRPC "
                        + "release_urls method. Use JSON or Simple API instead. " + DOCS),
                Arguments.of("release_data", List.of("x", "1"), "RuntimeError: PyPI no longer supports the XMLRPC "
                        + "release_data method. Use JSON or Simple API instead. " + DOCS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aDisabledMethodFaultsAsPypiDoes(String method, List<Object> args, String faultString) {
        assertThatThrownBy(() -> TABLE.invoke(method, args, Map.of(), CallGate.OPEN))
                .isInstanceOfSatisfying(XmlRpcFault.class, f -> {
                    assertThat(f.code()).isEqualTo(-32500);
                    assertThat(f.message()).isEqualTo(faultString);
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"system.multicall", "changelog", "package_data", "package_urls", "search",
        "package_releases", "release_urls", "release_data"})
    void argumentsAreCheckedBeforeTheDeprecationFault(String method) {
        assertThatThrownBy(() -> TABLE.invoke(method, List.of(), Map.of(), CallGate.OPEN))
                .isInstanceOfSatisfying(XmlRpcFault.class, f -> {
                    assertThat(f.code()).isEqualTo(-32602);
                    assertThat(f.message()).contains("Missing required argument");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"release_downloads", "updated_releases", "changed_packages", "package_hosting_mode",
        "system.listMethods", "system.methodHelp", "system.methodSignature", "no_such_method"})
    void namesPypiDoesNotRegisterAreNotFound(String method) {
        assertThatThrownBy(() -> TABLE.invoke(method, List.of("x"), Map.of(), CallGate.OPEN))
                .isInstanceOfSatisfying(XmlRpcFault.class, f -> {
                    assertThat(f.code()).isEqualTo(-32601);
                    assertThat(f.message())
                            .isEqualTo("server error; requested method not found");
                });
    }
}
