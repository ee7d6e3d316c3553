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
 * A DOCTYPE is tolerated and skipped (Qualys and Nmap write one); its DTD is never fetched, and any
 * reference to a declared entity is reported as an {@code ENTITY_REFERENCE} event instead of being
 * expanded, which {@link XmlCursor} rejects. Text is coalesced and locations are kept for messages.
 */
public final class SecureXml {

    /** Largest single text node accepted; bounds memory on hostile or broken input. */
    static final int MAX_TEXT_CHARS = 64 * 1024 * 1024;
    /** Nmap puts whole script outputs in attributes; larger than Woodstox' default. */
    static final int MAX_ATTRIBUTE_CHARS = 4 * 1024 * 1024;

    private static final XMLResolver REFUSE = (publicId, systemId, baseUri, namespace) -> {
        throw new XMLStreamException("external resource " + (systemId == null ? publicId : systemId)
                + " refused: DTDs and external entities are disabled");
    };

    private SecureXml() {}

    /** A new factory configured for untrusted input. Factories are cheap; readers made by one are not thread-safe. */
    public static XMLInputFactory2 newInputFactory() {
        XMLInputFactory2 factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver(REFUSE);
        factory.setProperty(WstxInputProperties.P_DTD_RESOLVER, REFUSE);
        factory.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, REFUSE);
        factory.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, REFUSE);
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
