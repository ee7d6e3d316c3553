package io.regalia.ingest.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import io.regalia.core.report.BadInputException;
import org.codehaus.stax2.XMLInputFactory2;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import java.nio.file.Path;

/**
 * The one way Regalia parses XML: Woodstox with DTDs, external entities and entity expansion off.
 * A DOCTYPE is tolerated and skipped (Qualys and Nmap write one); its DTD is never fetched, entities
 * it declares stay undeclared, and any reference to one, in text or in an attribute, fails the parse
 * instead of being expanded. Text is coalesced and locations are kept for messages.
 */
public final class SecureXml {

    /** Largest single text node accepted; bounds memory on hostile or broken input. */
    static final int MAX_TEXT_CHARS = 16 * 1024 * 1024;
    /** Nmap puts whole script outputs in attributes; larger than Woodstox' default. */
    static final int MAX_ATTRIBUTE_CHARS = 4 * 1024 * 1024;

    private static final XMLResolver REFUSE = (publicId, systemId, baseUri, namespace) -> {
        throw new Refused("external resource " + (systemId == null ? publicId : systemId)
                + " refused: DTDs and external entities are disabled");
    };

    /**
     * With DTDs off every entity but the five predefined ones is undeclared; Woodstox asks this resolver
     * for it (the name comes as the last argument), in text and in attribute values alike.
     */
    private static final XMLResolver REFUSE_ENTITY = (publicId, systemId, baseUri, name) -> {
        throw new Refused("entity reference &" + name + "; is not allowed: DTDs and entities are"
                + " disabled for untrusted XML");
    };

    private SecureXml() {}

    /** Input that is well-formed but refused for safety; its message is the whole reason. */
    static final class Refused extends XMLStreamException {
        Refused(String message) {
            super(message);
        }
    }

    /** A new factory configured for untrusted input. Factories are cheap; readers made by one are not thread-safe. */
    public static XMLInputFactory2 newInputFactory() {
        XMLInputFactory2 factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver(REFUSE);
        factory.setProperty(WstxInputProperties.P_DTD_RESOLVER, REFUSE);
        factory.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, REFUSE);
        factory.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, REFUSE_ENTITY);
        factory.setProperty(XMLInputFactory2.P_PRESERVE_LOCATION, true);
        // Lazy parsing would defer errors into getText() as unchecked exceptions without a clean location.
        factory.setProperty(WstxInputProperties.P_LAZY_PARSING, false);
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT_CHARS);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_CHARS);
        return factory;
    }

    /**
     * The qualified name of a file's root element, reading no further than its start tag: what a format
     * detector needs. Fails like any read when the file is not well-formed up to that point.
     */
    public static QName rootElement(Path file) throws BadInputException {
        try (XmlCursor cursor = XmlCursor.open(file, null)) {
            cursor.rootElement();
            return cursor.qualifiedName();
        }
    }
}
