package io.regalia.ingest.xml;

import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shared third-party samples (read in place, never copied) and the project's own fixtures. */
public final class SampleFiles {

    private SampleFiles() {}

    /** A file under the shared data folder; the test is skipped when the folder is not there. */
    public static Path shared(String relative) {
        Path root = Path.of(System.getProperty("regalia.shared", "../shared"));
        Path file = root.resolve("data").resolve(relative);
        assumeTrue(Files.isRegularFile(file), "shared sample data not found: " + file);
        return file;
    }

    public static Path fixture(String name) {
        try {
            return Path.of(SampleFiles.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no fixture " + name, e);
        }
    }

    /** The first {@code bytes} bytes of a file, written to {@code dir} under the same name. */
    public static Path truncatedCopy(Path file, Path dir, int bytes) {
        try {
            byte[] all = Files.readAllBytes(file);
            Path copy = dir.resolve(file.getFileName());
            Files.write(copy, Arrays.copyOf(all, Math.min(bytes, all.length)));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts nodes with an XPath over a DOM parsed with DTDs never loaded: an independent view of the file. */
    public static int count(Path file, String xpath) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            Document doc = factory.newDocumentBuilder().parse(in);
            Number n = (Number) XPathFactory.newInstance().newXPath().evaluate("count(" + xpath + ")", doc, XPathConstants.NUMBER);
            return n.intValue();
        } catch (Exception e) {
            throw new IllegalStateException("cannot count " + xpath + " in " + file, e);
        }
    }
}
