package dev.cheeseshop.xmlrpc;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * Builds the JDK's own StAX factory locked down for untrusted input: no DTD support, no external
 * entities (a resolver that refuses everything as a second line of defence), entity references
 * reported instead of replaced (so {@link CallReader} can refuse them), not namespace aware
 * (like CPython's expat-based parser, so an undeclared prefix such as {@code ex:nil} is fine).
 * {@link CallReader} additionally refuses any DOCTYPE outright.
 */
final class HardenedXml {
    private HardenedXml() {
    }

    /** A new factory per parse: the JDK factory is not documented as thread-safe. */
    static XMLInputFactory factory(Limits limits) {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external entities are refused");
        });
        f.setXMLReporter((message, type, info, location) -> { }); // errors surface as exceptions
        trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // Our own limit counts <value>s, each at most 3 elements deep; the JDK's trips later.
        trySet(f, "jdk.xml.maxElementDepth", String.valueOf(Math.min(4L * limits.maxDepth() + 16,
                Integer.MAX_VALUE)));
        return f;
    }

    private static void trySet(XMLInputFactory f, String name, Object value) {
        try {
            f.setProperty(name, value);
        } catch (IllegalArgumentException | IllegalStateException unsupported) {
            // An older or different JDK; the other defences still hold.
        }
    }
}
