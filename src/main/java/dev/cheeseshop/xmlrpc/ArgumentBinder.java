package dev.cheeseshop.xmlrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds positional XML-RPC params and query-string keywords to declared parameters and checks
 * them, reproducing what Warehouse's validating mapper answers: pydantic {@code validate_call}
 * over {@code (request, *params, **query)} with errors formatted as {@code <where>: <message>}.
 *
 * <p>Order of errors: the implicit {@code request} parameter (a {@code request} keyword
 * collides with it), then each declared parameter in order, then surplus positionals (by
 * 1-based position), then unknown keywords (in the map's order). Per parameter: given both
 * positionally and by keyword → {@code Got multiple values for argument} (the values are not
 * checked); given once → type-checked; absent → {@code Missing required argument} or its
 * default. Checked against pydantic 2.13.4, the version PyPI pins.
 */
final class ArgumentBinder {
    /** Warehouse views take the Pyramid request as their first, positional parameter. */
    static final String REQUEST = "request";

    private ArgumentBinder() {
    }

    /** The bound values in parameter order; -32602 listing every error otherwise. */
    static Object[] bind(List<Param> params, List<Object> positional,
                         Map<String, String> keywords) {
        List<String> errors = new ArrayList<>();
        if (keywords.containsKey(REQUEST)) {
            errors.add(REQUEST + ": Got multiple values for argument");
        }
        Object[] values = new Object[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            boolean byPosition = i < positional.size();
            boolean byKeyword = keywords.containsKey(p.name());
            if (byPosition && byKeyword) {
                errors.add(p.name() + ": Got multiple values for argument");
            } else if (byPosition || byKeyword) {
                values[i] = byPosition ? positional.get(i) : keywords.get(p.name());
                p.type().check(values[i], p.name(), errors);
            } else if (p.required()) {
                errors.add(p.name() + ": Missing required argument");
            } else {
                values[i] = p.defaultValue();
            }
        }
        for (int i = params.size(); i < positional.size(); i++) {
            errors.add((i + 1) + ": Unexpected positional argument");
        }
        for (String keyword : keywords.keySet()) {
            boolean declared = params.stream().anyMatch(p -> p.name().equals(keyword));
            if (!declared && !keyword.equals(REQUEST)) {
                errors.add(keyword + ": Unexpected keyword argument");
            }
        }
        if (!errors.isEmpty()) {
            throw XmlRpcFault.invalidParams(errors);
        }
        return values;
    }
}
