package dev.cheeseshop.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cheeseshop.testing.Http;
import dev.cheeseshop.testing.TestServer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of the argument table in warehouse-xmlrpc.md §1.2 (and the strings Warehouse's own
 * functional tests assert), sent over HTTP to the running server as CPython would encode the
 * arguments. "passes" means the method body ran: a result, or the method's own -32500 fault.
 */
class ArgumentFaultsEndpointTest {
    private static final String PASSES = "passes";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}({1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        changelog_last_serial     | <int>1</int>                                       | client error; 1: Unexpected positional argument
        changelog_since_serial    | <string>wrong!</string>                            | client error; serial: Input should be a valid integer
        changelog                 | <string>wrong!</string>~<string>also wrong!</string> | client error; since: Input should be a valid integer; with_ids: Input should be a valid boolean
        package_releases          |                                                    | client error; package_name: Missing required argument
        changelog_last_serial     | <string>x</string>~<string>y</string>              | client error; 1: Unexpected positional argument; 2: Unexpected positional argument
        changelog_since_serial    |                                                    | client error; serial: Missing required argument
        changelog_since_serial    | <string>x</string>~<string>y</string>              | client error; serial: Input should be a valid integer; 2: Unexpected positional argument
        changelog_since_serial    | <int>1</int>~<int>2</int>                          | client error; 2: Unexpected positional argument
        changelog_since_serial    | <boolean>1</boolean>                               | client error; serial: Input should be a valid integer
        changelog_since_serial    | <double>5.0</double>                               | client error; serial: Input should be a valid integer
        changelog_since_serial    | <nil/>                                             | client error; serial: Input should be a valid integer
        changelog_since_serial    | <string>5</string>                                 | client error; serial: Input should be a valid integer
        changelog_since_serial    | <int>-1</int>                                      | passes
        changelog_since_serial    | <i8>1099511627776</i8>                             | passes
        list_packages_with_serial | <int>1</int>                                       | client error; 1: Unexpected positional argument
        package_roles             |                                                    | client error; package_name: Missing required argument
        package_roles             | <int>1</int>                                       | client error; package_name: Input should be a valid string
        package_roles             | <string>x</string>~<string>y</string>              | client error; 2: Unexpected positional argument
        user_packages             | <int>1</int>                                       | client error; username: Input should be a valid string
        browse                    | <string>x</string>                                 | client error; classifiers: Input should be a valid list
        browse                    | <int>1</int>                                       | client error; classifiers: Input should be a valid list
        browse                    | <nil/>                                             | client error; classifiers: Input should be a valid list
        browse                    | <struct></struct>                                  | client error; classifiers: Input should be a valid list
        browse                    | <array><data></data></array>                       | passes
        browse                    | <array><data><value><int>1</int></value><value><int>2</int></value></data></array> | client error; classifiers: Input should be a valid string; classifiers: Input should be a valid string
        system.multicall          |                                                    | client error; args: Missing required argument
        system.multicall          | <string>x</string>                                 | passes
        system.multicall          | <string>x</string>~<string>y</string>              | client error; 2: Unexpected positional argument
        changelog                 |                                                    | client error; since: Missing required argument
        changelog                 | <int>1</int>~<int>1</int>                          | client error; with_ids: Input should be a valid boolean
        package_data              |                                                    | client error; package_name: Missing required argument; version: Missing required argument
        package_data              | <int>1</int>                                       | client error; version: Missing required argument
        package_data              | <int>1</int>~<int>2</int>~<int>3</int>             | client error; 3: Unexpected positional argument
        top_packages              |                                                    | passes
        top_packages              | <nil/>                                             | passes
        top_packages              | <int>5</int>                                       | passes
        top_packages              | <string>x</string>                                 | client error; num: Input should be a valid integer
        search                    | <string>x</string>                                 | client error; spec: Input should be a valid dictionary
        search                    | <struct><member><name>name</name><value><string>a</string></value></member></struct>~<int>5</int> | client error; operator: Input should be a valid string
        search                    | <struct><member><name>name</name><value><int>1</int></value></member></struct> | client error; spec: Input should be a valid string; spec: Input should be a valid list
        list_packages             | <string>x</string>                                 | client error; 1: Unexpected positional argument
        package_releases          | <string>x</string>~<string>y</string>              | client error; show_hidden: Input should be a valid boolean
        release_urls              | <int>1</int>                                       | client error; package_name: Input should be a valid string; version: Missing required argument
        release_data              | <string>x</string>                                 | client error; version: Missing required argument
        """)
    void argumentRow(String method, String params, String expected) {
        String[] values = params == null ? new String[0] : params.split("~");
        Http.Response response = Rpc.call(server, "/pypi", method, Arrays.stream(values).map(String::strip)
                .toArray(String[]::new));

        Rpc.transport(response);
        if (!response.text().contains("<fault>")) {
            assertThat(expected).isEqualTo(PASSES);
            return;
        }
        Rpc.Fault fault = Rpc.fault(response);
        if (expected.equals(PASSES)) {
            assertThat(fault.code()).as(fault.string()).isEqualTo(-32500);
            assertThat(fault.string()).matches("(RuntimeError|ValueError): .+");
        } else {
            assertThat(fault).isEqualTo(new Rpc.Fault(-32602, expected));
        }
    }
}
