package dev.cheeseshop.xmlrpc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The production table ({@link PypiMethods}: PyPI's signatures and its disabled methods' faults)
 * with working methods that return {@code [name, args...]}, so tests can see what was bound
 * without a store.
 */
final class PypiStubs {
    private PypiStubs() {
    }

    static MethodTable table() {
        return PypiMethods.table(new PypiMethods.Queries() {
            @Override
            public Object changelogLastSerial() {
                return echo("changelog_last_serial");
            }

            @Override
            public Object changelogSinceSerial(BigInteger serial) {
                return echo("changelog_since_serial", serial);
            }

            @Override
            public Object listPackagesWithSerial() {
                return echo("list_packages_with_serial");
            }

            @Override
            public Object packageRoles(String packageName) {
                return echo("package_roles", packageName);
            }

            @Override
            public Object userPackages(String username) {
                return echo("user_packages", username);
            }

            @Override
            public Object browse(List<String> classifiers) {
                return echo("browse", classifiers);
            }
        });
    }

    private static List<Object> echo(String name, Object... args) {
        List<Object> out = new ArrayList<>();
        out.add(name);
        out.addAll(Arrays.asList(args));
        return out;
    }
}
