package dev.cheeseshop.xmlrpc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameter types PyPI's XML-RPC methods declare, checked as pydantic's strict types check
 * them (no coercion). Each failure adds {@code "<where>: <message>"} to the error list, with
 * pydantic's message; a bad element of a list or union adds one entry per failing element or
 * branch, all under the parameter's name.
 */
public enum ArgType {
    /** {@code StrictInt}: Long, Integer, Short, Byte or BigInteger; not Boolean/Double/String. */
    INT,
    /** {@code StrictInt | None} ({@code top_packages.num}): an {@link #INT} or null. */
    INT_OR_NONE,
    /** {@code StrictStr}: a String only (not byte[], date-time, numbers, null). */
    STR,
    /** {@code StrictBool}: a Boolean only (not 0/1). */
    BOOL,
    /** {@code list[StrictStr]}: a List; each non-String element is one error. */
    LIST_OF_STR,
    /** {@code Mapping[StrictStr, StrictStr | list[StrictStr]]} ({@code search.spec}). */
    SEARCH_SPEC,
    /** No annotation: any value, including null. */
    ANY;

    static final String NOT_INT = "Input should be a valid integer";
    static final String NOT_STR = "Input should be a valid string";
    static final String NOT_BOOL = "Input should be a valid boolean";
    static final String NOT_LIST = "Input should be a valid list";
    static final String NOT_DICT = "Input should be a valid dictionary";

    /** Appends this type's errors for {@code value} to {@code errors}, each "where: message". */
    void check(Object value, String where, List<String> errors) {
        switch (this) {
            case INT -> require(isInt(value), where, NOT_INT, errors);
            case INT_OR_NONE -> require(value == null || isInt(value), where, NOT_INT, errors);
            case STR -> require(value instanceof String, where, NOT_STR, errors);
            case BOOL -> require(value instanceof Boolean, where, NOT_BOOL, errors);
            case LIST_OF_STR -> checkStringList(value, where, errors);
            case SEARCH_SPEC -> checkSpec(value, where, errors);
            case ANY -> { }
        }
    }

    private static boolean check(ArgType type, Object value, String where, List<String> errors) {
        int before = errors.size();
        type.check(value, where, errors);
        return errors.size() == before;
    }

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof BigInteger
                || v instanceof Short || v instanceof Byte;
    }

    private static void require(boolean ok, String where, String message, List<String> errors) {
        if (!ok) {
            errors.add(where + ": " + message);
        }
    }

    private static void checkStringList(Object value, String where, List<String> errors) {
        if (!(value instanceof List<?> list)) {
            errors.add(where + ": " + NOT_LIST);
            return;
        }
        for (Object item : list) {
            require(item instanceof String, where, NOT_STR, errors);
        }
    }

    private static void checkSpec(Object value, String where, List<String> errors) {
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(where + ": " + NOT_DICT);
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            require(e.getKey() instanceof String, where, NOT_STR, errors);
            Object v = e.getValue();
            List<String> listErrors = new ArrayList<>();
            if (!(v instanceof String) && !check(LIST_OF_STR, v, where, listErrors)) {
                // Both union branches failed: pydantic reports the str one, then the list's.
                errors.add(where + ": " + NOT_STR);
                errors.addAll(listErrors);
            }
        }
    }
}
