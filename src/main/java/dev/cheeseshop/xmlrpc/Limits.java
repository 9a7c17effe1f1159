package dev.cheeseshop.xmlrpc;

/**
 * Resource limits for {@link RequestParser}. A breach is always an {@link XmlRpcFault} -32700
 * {@code parse error; not well formed} whose {@link XmlRpcFault#detail()} names the limit.
 *
 * @param maxBodyBytes   bytes read from the body; the parser reads at most one byte more
 * @param maxDepth       nesting of {@code <value>} elements (a top-level param value is depth 1)
 * @param maxElements    XML elements in the whole document
 * @param maxStringChars UTF-16 chars of text in one string, name, method name or scalar
 * @param maxParams      {@code <param>} elements
 */
public record Limits(long maxBodyBytes, int maxDepth, int maxElements, int maxStringChars,
                     int maxParams) {
    /** 1 MiB body, depth 32, 10,000 elements, 64 KiB per text, 1,000 params. */
    public static final Limits DEFAULTS = new Limits(1L << 20, 32, 10_000, 64 * 1024, 1_000);

    /** Every limit must be positive. */
    public Limits {
        if (maxBodyBytes <= 0 || maxDepth <= 0 || maxElements <= 0 || maxStringChars <= 0
                || maxParams <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
