package dev.cheeseshop.xmlrpc;

import static dev.cheeseshop.xmlrpc.TestSupport.parse;
import static dev.cheeseshop.xmlrpc.TestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** PyPI's strict argument checking, string for string (warehouse-xmlrpc.md §1.2). */
class ArgumentCheckingTest {
    private static final MethodTable TABLE = PypiStubs.table();
    private static final String PASSES = "passes";

    /** "passes" when the body ran (its result or its own -32500 fault), else the faultString. */
    private static String outcomeWith(Map<String, String> keywords, String method, Object... params) {
        try {
            TABLE.invoke(method, Arrays.asList(params), keywords, CallGate.OPEN);
            return PASSES;
        } catch (XmlRpcFault f) {
            if (f.code() == -32500) {
                return PASSES;
            }
            assertThat(f.code()).isIn(-32602, -32601);
            return f.message();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String outcome(String method, Object... params) {
        return outcomeWith(Map.of(), method, params);
    }

    private static Map<String, String> kw(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Nested
    class SpecBullets {
        @Test
        void stringsAssertedByWarehouseFunctionalTests() {
            assertThat(outcome("changelog_last_serial", 1L)).isEqualTo("client error; 1: Unexpected positional argument");
            assertThat(outcome("changelog_since_serial", "wrong!"))
                    .isEqualTo("client error; serial: Input should be a valid integer");
            assertThat(outcome("changelog", "wrong!", "also wrong!")).isEqualTo(
                    "client error; since: Input should be a valid integer; with_ids: Input should be a valid boolean");
            assertThat(outcome("package_releases")).isEqualTo("client error; package_name: Missing required argument");
        }

        @Test
        void elementAndUnionErrors() {
            assertThat(outcome("browse", List.of(1L, 2L))).isEqualTo(
                    "client error; classifiers: Input should be a valid string; classifiers: Input should be a valid string");
            assertThat(outcome("search", Map.of("name", 1L))).isEqualTo(
                    "client error; spec: Input should be a valid string; spec: Input should be a valid list");
        }

        @Test
        void faultCodeIsMinus32602() {
            assertThatThrownBy(() -> TABLE.invoke("package_roles", List.of(), Map.of(), CallGate.OPEN))
                    .isInstanceOfSatisfying(XmlRpcFault.class, f -> assertThat(f.code()).isEqualTo(-32602));
        }
    }

    /** Every row of the "Per-method arity/type examples" table. */
    @Nested
    class SpecTable {
        @Test
        void changelogLastSerial() {
            assertThat(outcome("changelog_last_serial", "x", "y")).isEqualTo(
                    "client error; 1: Unexpected positional argument; 2: Unexpected positional argument");
        }

        @Test
        void changelogSinceSerial() {
            assertThat(outcome("changelog_since_serial")).isEqualTo("client error; serial: Missing required argument");
            assertThat(outcome("changelog_since_serial", "x", "y")).isEqualTo(
                    "client error; serial: Input should be a valid integer; 2: Unexpected positional argument");
            assertThat(outcome("changelog_since_serial", 1L, 2L)).isEqualTo("client error; 2: Unexpected positional argument");
            for (Object bad : Arrays.asList(true, 5.0, null, "5")) {
                assertThat(outcome("changelog_since_serial", bad)).as("%s", bad)
                        .isEqualTo("client error; serial: Input should be a valid integer");
            }
            assertThat(outcome("changelog_since_serial", -1L)).isEqualTo(PASSES);
            assertThat(outcome("changelog_since_serial", 1L << 40)).isEqualTo(PASSES);
            assertThat(outcome("changelog_since_serial", BigInteger.TEN.pow(40))).isEqualTo(PASSES);
        }

        @Test
        void listPackagesWithSerial() {
            assertThat(outcome("list_packages_with_serial", 1L)).isEqualTo("client error; 1: Unexpected positional argument");
        }

        @Test
        void packageRolesAndUserPackages() {
            assertThat(outcome("package_roles")).isEqualTo("client error; package_name: Missing required argument");
            assertThat(outcome("package_roles", 1L)).isEqualTo("client error; package_name: Input should be a valid string");
            assertThat(outcome("package_roles", "x", "y")).isEqualTo("client error; 2: Unexpected positional argument");
            assertThat(outcome("user_packages", 1L)).isEqualTo("client error; username: Input should be a valid string");
        }

        @Test
        void browse() {
            for (Object bad : Arrays.asList("x", 1L, null, Map.of())) {
                assertThat(outcome("browse", bad)).as("%s", bad)
                        .isEqualTo("client error; classifiers: Input should be a valid list");
            }
            assertThat(outcome("browse", List.of())).isEqualTo(PASSES);
        }

        @Test
        void systemMulticall() {
            assertThat(outcome("system.multicall")).isEqualTo("client error; args: Missing required argument");
            for (Object any : Arrays.asList("x", null, List.of(), Map.of(), 1L, new byte[0])) {
                assertThat(outcome("system.multicall", any)).isEqualTo(PASSES);
            }
            assertThat(outcome("system.multicall", "x", "y")).isEqualTo("client error; 2: Unexpected positional argument");
        }

        @Test
        void changelog() {
            assertThat(outcome("changelog")).isEqualTo("client error; since: Missing required argument");
            assertThat(outcome("changelog", 1L, 1L)).isEqualTo("client error; with_ids: Input should be a valid boolean");
        }

        @Test
        void packageData() {
            assertThat(outcome("package_data")).isEqualTo(
                    "client error; package_name: Missing required argument; version: Missing required argument");
            assertThat(outcome("package_data", 1L)).isEqualTo("client error; version: Missing required argument");
            assertThat(outcome("package_data", 1L, 2L, 3L)).isEqualTo("client error; 3: Unexpected positional argument");
        }

        @Test
        void topPackages() {
            assertThat(outcome("top_packages")).isEqualTo(PASSES);
            assertThat(outcome("top_packages", (Object) null)).isEqualTo(PASSES);
            assertThat(outcome("top_packages", 5L)).isEqualTo(PASSES);
            assertThat(outcome("top_packages", "x")).isEqualTo("client error; num: Input should be a valid integer");
        }

        @Test
        void search() {
            assertThat(outcome("search", "x")).isEqualTo("client error; spec: Input should be a valid dictionary");
            assertThat(outcome("search", Map.of("name", "a"), 5L)).isEqualTo("client error; operator: Input should be a valid string");
        }

        @Test
        void disabledMethods() {
            assertThat(outcome("list_packages", "x")).isEqualTo("client error; 1: Unexpected positional argument");
            assertThat(outcome("package_releases", "x", "y")).isEqualTo("client error; show_hidden: Input should be a valid boolean");
            assertThat(outcome("release_urls", 1L)).isEqualTo(
                    "client error; package_name: Input should be a valid string; version: Missing required argument");
            assertThat(outcome("release_data", "x")).isEqualTo("client error; version: Missing required argument");
        }
    }

    /** CPython request bodies checked against what pydantic 2.13.4 answers (expected.tsv). */
    @TestFactory
    List<DynamicTest> cpythonRequestsAgainstThePydanticOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] row : TestSupport.tsv("requests/expected.tsv")) {
            tests.add(DynamicTest.dynamicTest(row[0] + " → " + row[2], () -> {
                MethodCall call = parse(resource("requests/" + row[0]));
                assertThat(outcome(call.methodName(), call.params().toArray())).isEqualTo(row[2]);
            }));
        }
        return tests;
    }

    @Nested
    class StrictTypes {
        @Test
        void strings() {
            for (Object bad : Arrays.asList(new byte[] {1}, new XmlRpcDateTime("20200101T00:00:00"), 1.5, null,
                    List.of(), true, 1L)) {
                assertThat(outcome("package_roles", bad)).isEqualTo("client error; package_name: Input should be a valid string");
            }
        }

        @Test
        void integers() {
            for (Object bad : Arrays.asList(List.of(5L), "5".getBytes(), new java.math.BigDecimal("5"), 5.0f, false)) {
                assertThat(outcome("changelog_since_serial", bad)).isEqualTo("client error; serial: Input should be a valid integer");
            }
            for (Object good : List.of(5, (short) 5, (byte) 5, 5L, BigInteger.valueOf(-5))) {
                assertThat(outcome("changelog_since_serial", good)).isEqualTo(PASSES);
            }
            assertThat(outcome("top_packages", true)).isEqualTo("client error; num: Input should be a valid integer");
        }

        @Test
        void booleans() {
            assertThat(outcome("package_releases", "x", 1L)).isEqualTo("client error; show_hidden: Input should be a valid boolean");
            assertThat(outcome("package_releases", "x", true)).isEqualTo(PASSES);
        }

        @Test
        void listsAndSpecs() {
            assertThat(outcome("browse", Arrays.asList("a", 1L, "b", null))).isEqualTo(
                    "client error; classifiers: Input should be a valid string; classifiers: Input should be a valid string");
            assertThat(outcome("search", Map.of("name", List.of("a", 1L)))).isEqualTo(
                    "client error; spec: Input should be a valid string; spec: Input should be a valid string");
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", List.of("a"));
            spec.put("x", null);
            spec.put("y", Map.of());
            assertThat(outcome("search", spec)).isEqualTo("client error; spec: Input should be a valid string; "
                    + "spec: Input should be a valid list; spec: Input should be a valid string; spec: Input should be a valid list");
            assertThat(outcome("search", List.of())).isEqualTo("client error; spec: Input should be a valid dictionary");
            assertThat(outcome("search", Map.of())).isEqualTo(PASSES);
        }
    }

    /** Query-string keywords; expected strings come from pydantic 2.13.4 with Warehouse's mapper. */
    @Nested
    class Keywords {
        @Test
        void unknownKeyword() {
            assertThat(outcomeWith(kw("foo", "1"), "changelog_since_serial"))
                    .isEqualTo("client error; serial: Missing required argument; foo: Unexpected keyword argument");
            assertThat(outcomeWith(kw("zz", "1", "aa", "2"), "changelog_last_serial", 1L)).isEqualTo("client error; "
                    + "1: Unexpected positional argument; zz: Unexpected keyword argument; aa: Unexpected keyword argument");
        }

        @Test
        void keywordBindsAStringToTheParameter() {
            assertThat(outcomeWith(kw("serial", "5"), "changelog_since_serial"))
                    .isEqualTo("client error; serial: Input should be a valid integer");
            assertThat(outcomeWith(kw("num", "5"), "top_packages")).isEqualTo("client error; num: Input should be a valid integer");
            assertThat(outcomeWith(kw("classifiers", "x"), "browse")).isEqualTo("client error; classifiers: Input should be a valid list");
            assertThat(outcomeWith(kw("with_ids", "1"), "changelog"))
                    .isEqualTo("client error; since: Missing required argument; with_ids: Input should be a valid boolean");
            assertThat(outcomeWith(kw("version", "1"), "package_data")).isEqualTo("client error; package_name: Missing required argument");
            assertThat(outcomeWith(kw("args", "1"), "system.multicall")).isEqualTo(PASSES);
        }

        @Test
        void keywordReachesTheBody() throws Exception {
            assertThat(TABLE.invoke("package_roles", List.of(), kw("package_name", "Django"), CallGate.OPEN))
                    .isEqualTo(List.of("package_roles", "Django"));
        }

        @Test
        void positionalAndKeywordForTheSameParameter() {
            assertThat(outcomeWith(kw("serial", "5"), "changelog_since_serial", 5L))
                    .isEqualTo("client error; serial: Got multiple values for argument");
            assertThat(outcomeWith(kw("serial", "5"), "changelog_since_serial", "x"))
                    .isEqualTo("client error; serial: Got multiple values for argument");
            assertThat(outcomeWith(kw("foo", "1", "serial", "3"), "changelog_since_serial", 1L, 2L)).isEqualTo("client error; "
                    + "serial: Got multiple values for argument; 2: Unexpected positional argument; foo: Unexpected keyword argument");
            assertThat(outcomeWith(kw("foo", "1", "with_ids", "1"), "changelog", "x")).isEqualTo("client error; "
                    + "since: Input should be a valid integer; with_ids: Input should be a valid boolean; foo: Unexpected keyword argument");
        }

        @Test
        void requestKeywordCollidesWithWarehousesHiddenFirstParameter() {
            assertThat(outcomeWith(kw("request", "1"), "changelog_last_serial"))
                    .isEqualTo("client error; request: Got multiple values for argument");
            assertThat(outcomeWith(kw("x", "1", "request", "1"), "changelog_since_serial")).isEqualTo("client error; "
                    + "request: Got multiple values for argument; serial: Missing required argument; x: Unexpected keyword argument");
        }
    }

    @Nested
    class Dispatching {
        @Test
        void unknownMethodsAreNotFound() {
            for (String name : List.of("release_downloads", "updated_releases", "changed_packages",
                    "package_hosting_mode", "no_such_method", "system.listMethods", "system.methodHelp",
                    "Changelog_last_serial", "", "changelog_last_serial ")) {
                assertThatThrownBy(() -> TABLE.invoke(name, List.of("x"), Map.of(), CallGate.OPEN))
                        .isInstanceOfSatisfying(XmlRpcFault.class, f -> {
                            assertThat(f.code()).isEqualTo(-32601);
                            assertThat(f.message()).isEqualTo("server error; requested method not found");
                        });
            }
        }

        @Test
        void deprecatedBodiesFaultAfterValidation() {
            assertThatThrownBy(() -> TABLE.invoke("changelog", List.of(0L), Map.of(), CallGate.OPEN))
                    .isInstanceOfSatisfying(XmlRpcFault.class, f -> {
                        assertThat(f.code()).isEqualTo(-32500);
                        assertThat(f.message()).isEqualTo(
                                "ValueError: The changelog method has been deprecated, use changelog_since_serial instead.");
                    });
        }

        @Test
        void defaultsAreBound() throws Exception {
            List<String[]> seen = new ArrayList<>();
            MethodTable t = MethodTable.builder()
                    .method("m", args -> {
                        seen.add(new String[] {String.valueOf(args.get("a")), String.valueOf(args.get("b")),
                            String.valueOf(args.get("c"))});
                        return args.bool("b");
                    }, Param.required("a", ArgType.INT), Param.optional("b", ArgType.BOOL, false),
                            Param.optional("c", ArgType.INT_OR_NONE, null))
                    .build();
            assertThat(t.invoke(new MethodCall("m", List.of(1L)))).isEqualTo(false);
            assertThat(t.invoke(new MethodCall("m", List.of(1L, true, 7L)))).isEqualTo(true);
            assertThat(seen).containsExactly(new String[] {"1", "false", "null"}, new String[] {"1", "true", "7"});
        }

        @Test
        void gateRunsAfterLookupAndBeforeChecking() {
            List<String> admitted = new ArrayList<>();
            CallGate gate = name -> {
                admitted.add(name);
                if (admitted.size() > 2) {
                    throw XmlRpcFault.wrapped("HTTPTooManyRequests", "The action could not be performed because "
                            + "there were too many requests by the client.");
                }
            };
            assertThatThrownBy(() -> TABLE.invoke("nope", List.of(), Map.of(), gate)).hasMessageContaining("not found");
            assertThatThrownBy(() -> TABLE.invoke("package_roles", List.of(), Map.of(), gate))
                    .hasMessageContaining("client error");
            assertThat(outcome("changelog_since_serial", 1L)).isEqualTo(PASSES);
            assertThatCode(() -> TABLE.invoke("package_roles", List.of("x"), Map.of(), gate))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> TABLE.invoke("package_roles", List.of(1L), Map.of(), gate))
                    .hasMessageStartingWith("HTTPTooManyRequests: ");
            assertThat(admitted).containsExactly("package_roles", "package_roles", "package_roles");
        }

        @Test
        void argsAccessors() throws Exception {
            MethodTable t = MethodTable.builder()
                    .method("m", args -> List.of(args.clampedLong("s"), String.valueOf(args.integer("s")),
                            args.stringList("l"), args.map("d"), args.string("t")),
                            Param.required("s", ArgType.INT), Param.required("l", ArgType.LIST_OF_STR),
                            Param.required("d", ArgType.SEARCH_SPEC), Param.required("t", ArgType.STR))
                    .build();
            BigInteger huge = BigInteger.TEN.pow(30);
            assertThat(t.invoke(new MethodCall("m", List.of(huge, List.of("a"), Map.of("k", "v"), "t"))))
                    .isEqualTo(List.of(Long.MAX_VALUE, huge.toString(), List.of("a"), Map.of("k", "v"), "t"));
            assertThat(t.invoke(new MethodCall("m", List.of(huge.negate(), List.of(), Map.of(), ""))))
                    .asList().first().isEqualTo(Long.MIN_VALUE);
            assertThat(t.invoke(new MethodCall("m", List.of(-3L, List.of(), Map.of(), "")))).asList().first().isEqualTo(-3L);
        }

        @Test
        void registrationFollowsPythonRules() {
            MethodBody body = args -> null;
            assertThatThrownBy(() -> MethodTable.builder().method("m", body).method("m", body))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MethodTable.builder().method("m", body, Param.required("a", ArgType.ANY),
                    Param.required("a", ArgType.ANY))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MethodTable.builder().method("m", body, Param.optional("a", ArgType.ANY, 1),
                    Param.required("b", ArgType.ANY))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MethodTable.builder().method("m", body, Param.required("request", ArgType.ANY)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(TABLE.names()).hasSize(16).contains("system.multicall");
            assertThat(TABLE.contains("browse")).isTrue();
        }
    }
}
