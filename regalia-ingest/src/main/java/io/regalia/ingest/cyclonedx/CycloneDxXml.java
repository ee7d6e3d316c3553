package io.regalia.ingest.cyclonedx;

import com.ctc.wstx.stax.WstxInputFactory;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.json.JsonTrees;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The XML form, streamed with StAX (DTDs and external entities off): each component and vulnerability
 * is built as a small element tree, everything else is skipped. Elements are matched by local name, so
 * every schema version's namespace reads the same.
 */
final class CycloneDxXml {
    private CycloneDxXml() {}

    /** One element: its local name, attributes, text and children. */
    record Element(String name, Map<String, String> attributes, String text, List<Element> children) {
        Element child(String name) {
            return children.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
        }

        List<Element> children(String name) {
            return children.stream().filter(c -> c.name.equals(name)).toList();
        }

        /** Trimmed text of the descendant at the path; null when missing or blank. */
        String text(String... path) {
            Element at = this;
            for (String step : path) {
                at = at.child(step);
                if (at == null) return null;
            }
            String t = at.text.trim();
            return t.isEmpty() ? null : t;
        }
    }

    static void read(Path file, BomAssembly bom) {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                readBom(file, xml, bom);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw error(file, e);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the file (" + e.getMessage() + ")");
        }
    }

    private static void readBom(Path file, XMLStreamReader xml, BomAssembly bom) throws XMLStreamException {
        while (xml.next() != XMLStreamConstants.START_ELEMENT) {
            // prolog: declaration, comments, a DOCTYPE (never loaded)
        }
        if (!"bom".equals(xml.getLocalName())) {
            throw new BadInputException(where(file, xml.getLocation()),
                    "root element is <" + xml.getLocalName() + ">, expected a CycloneDX <bom>");
        }
        String namespace = xml.getNamespaceURI();
        if (namespace != null && namespace.startsWith("http://cyclonedx.org/schema/bom/")) {
            bom.specVersion(where(file, xml.getLocation()), namespace.substring(namespace.lastIndexOf('/') + 1));
        }
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (xml.getLocalName()) {
                case "metadata" -> {
                    Element metadata = element(xml);
                    bom.timestamp(JsonTrees.instant(metadata.text("timestamp")));
                    Element subject = metadata.child("component");
                    if (subject != null) bom.subject(component(subject));
                }
                case "components" -> {
                    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String where = where(file, xml.getLocation());
                        addComponents(where, element(xml), bom);
                    }
                }
                case "vulnerabilities" -> {
                    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String where = where(file, xml.getLocation());
                        bom.vulnerability(vulnerability(where, element(xml), null));
                    }
                }
                default -> element(xml);
            }
        }
        while (xml.hasNext()) xml.next();
    }

    /** Reads the element the reader is on, children included; leaves the reader on its end tag. */
    private static Element element(XMLStreamReader xml) throws XMLStreamException {
        String name = xml.getLocalName();
        var attributes = new LinkedHashMap<String, String>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
        }
        var text = new StringBuilder();
        var children = new ArrayList<Element>();
        while (true) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> children.add(element(xml));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return new Element(name, attributes, text.toString(), children);
                }
                default -> { }
            }
        }
    }

    private static void addComponents(String where, Element component, BomAssembly bom) {
        bom.component(component(component));
        for (Element list : component.children("vulnerabilities")) {
            for (Element v : list.children("vulnerability")) {
                bom.vulnerability(vulnerability(where, v, component.attributes().get("bom-ref")));
            }
        }
        for (Element nested : component.children("components")) {
            for (Element child : nested.children("component")) addComponents(where, child, bom);
        }
    }

    private static Bom.Component component(Element c) {
        String publisher = c.text("publisher");
        if (publisher == null) publisher = c.text("supplier", "name");
        return new Bom.Component(c.attributes().get("bom-ref"), c.attributes().get("type"), c.text("name"),
                c.text("version"), publisher);
    }

    /**
     * A 1.4+ vulnerability, or a 1.2/1.3 extension one ({@code ref} attribute, nested in its component
     * when {@code componentRef} is given).
     */
    private static Bom.Vulnerability vulnerability(String where, Element v, String componentRef) {
        var references = new ArrayList<String>();
        Element refs = v.child("references");
        if (refs != null) {
            for (Element r : refs.children("reference")) {
                String id = r.text("id");
                if (id != null) references.add(id);
            }
        }
        var ratings = new ArrayList<Bom.Rating>();
        Element ratingList = v.child("ratings");
        if (ratingList != null) {
            for (Element r : ratingList.children("rating")) {
                String score = r.text("score", "base") != null ? r.text("score", "base") : r.text("score");
                ratings.add(new Bom.Rating(r.text("source", "name"), parse(score), r.text("severity"),
                        r.text("method"), r.text("vector")));
            }
        }
        var affects = new ArrayList<String>();
        Element affectList = v.child("affects");
        if (affectList != null) {
            for (Element target : affectList.children("target")) {
                String ref = target.text("ref");
                if (ref != null) affects.add(ref);
            }
        }
        String ref = v.attributes().get("ref");
        if (ref == null) ref = componentRef;
        if (ref != null && affects.isEmpty()) affects.add(ref);
        return new Bom.Vulnerability(where, v.text("id"), references, ratings, v.text("analysis", "state"),
                v.text("analysis", "justification"), v.text("analysis", "detail"), affects, v.text("description"));
    }

    private static Double parse(String number) {
        if (number == null) return null;
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String where(Path file, Location at) {
        return at == null ? file.toString() : file + ":" + at.getLineNumber() + ":" + at.getColumnNumber();
    }

    private static BadInputException error(Path file, XMLStreamException e) {
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        int at = message.indexOf("\n at [");
        if (at >= 0) message = message.substring(0, at);
        if (message.startsWith("ParseError at [")) message = message.substring(message.indexOf("Message:") + 8);
        return new BadInputException(where(file, e.getLocation()), message.replaceAll("\\s+", " ").trim());
    }
}
