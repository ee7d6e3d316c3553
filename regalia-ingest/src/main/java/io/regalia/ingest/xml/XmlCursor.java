package io.regalia.ingest.xml;

import com.ctc.wstx.exc.WstxEOFException;
import com.ctc.wstx.exc.WstxLazyException;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.report.Rfc3339;
import org.codehaus.stax2.XMLStreamReader2;

import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A forward-only cursor over one XML file for the streaming report readers. It turns every parser
 * failure into a {@link BadInputException} naming file:line:column, and reports odd values as warnings
 * at the current location. Elements are visited with {@link #nextElement()} (anywhere below) or
 * {@link #nextChild(int)} (direct children of an element whose {@link #depth()} was noted).
 */
public final class XmlCursor implements SourcePosition, AutoCloseable {

    /** Default cap on the text gathered from one element; longer text is cut. */
    public static final int DEFAULT_TEXT_CHARS = 64 * 1024;

    private final String file;
    private final InputStream input;
    private final XMLStreamReader2 reader;
    private final ReportStream report;

    private XmlCursor(String file, InputStream input, XMLStreamReader2 reader, ReportStream report) {
        this.file = file;
        this.input = input;
        this.reader = reader;
        this.report = report;
    }

    /** Opens a file; warnings go to {@code report} (may be null to drop them). */
    public static XmlCursor open(Path file, ReportStream report) throws BadInputException {
        String name = file.toString();
        InputStream input;
        try {
            input = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        } catch (NoSuchFileException e) {
            throw new BadInputException(name, "file not found");
        } catch (IOException e) {
            throw new BadInputException(name, "cannot read file: " + e.getMessage());
        }
        try {
            XMLStreamReader2 reader = (XMLStreamReader2) SecureXml.newInputFactory().createXMLStreamReader(name, input);
            return new XmlCursor(name, input, reader, report);
        } catch (XMLStreamException | RuntimeException e) {
            closeQuietly(input);
            throw failure(name, e, null);
        }
    }

    /** The file as named in messages. */
    public String file() {
        return file;
    }

    /** {@code file:line:column} of the current event. */
    @Override
    public String where() {
        Location location = reader.getLocation();
        return location == null ? file : file + ":" + location.getLineNumber() + ":" + location.getColumnNumber();
    }

    /** A failure at the current location, for content that is well-formed XML but unusable. */
    public BadInputException error(String reason) {
        return new BadInputException(where(), reason);
    }

    /** Reports odd but usable content at the current location. */
    @Override
    public void warn(String message) {
        if (report != null) report.warning(where(), message);
    }

    /** Moves to the root element's start tag and returns its local name. */
    public String rootElement() {
        while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
            if (advance() == XMLStreamConstants.END_DOCUMENT) throw error("no root element");
        }
        return name();
    }

    /** Moves to the root element and fails unless it is one of {@code expected} (local names). */
    public String expectRoot(String format, String... expected) {
        String root = rootElement();
        for (String name : expected) {
            if (name.equals(root)) return root;
        }
        throw error("not a " + format + " report: root element is <" + root + ">, expected <"
                + String.join("> or <", expected) + ">");
    }

    /** Advances to the next start tag anywhere ahead; false at the end of the document. */
    public boolean nextElement() {
        while (true) {
            int event = advance();
            if (event == XMLStreamConstants.START_ELEMENT) return true;
            if (event == XMLStreamConstants.END_DOCUMENT) return false;
        }
    }

    /**
     * Advances to the next direct child of the element at {@code parentDepth}, skipping deeper content;
     * false (positioned on the parent's end tag) when the parent ends.
     */
    public boolean nextChild(int parentDepth) {
        if (reader.getEventType() == XMLStreamConstants.END_ELEMENT && reader.getDepth() == parentDepth) return false;
        while (true) {
            int event = advance();
            if (event == XMLStreamConstants.START_ELEMENT && reader.getDepth() == parentDepth + 1) return true;
            if (event == XMLStreamConstants.END_ELEMENT && reader.getDepth() == parentDepth) return false;
            if (event == XMLStreamConstants.END_DOCUMENT) throw error("unexpected end of document");
        }
    }

    /**
     * Advances to the next start tag at any depth below the element at {@code ancestorDepth}; false
     * (positioned on that element's end tag) when it ends.
     */
    public boolean nextWithin(int ancestorDepth) {
        if (reader.getEventType() == XMLStreamConstants.END_ELEMENT && reader.getDepth() == ancestorDepth) return false;
        while (true) {
            int event = advance();
            if (event == XMLStreamConstants.START_ELEMENT) return true;
            if (event == XMLStreamConstants.END_ELEMENT && reader.getDepth() == ancestorDepth) return false;
            if (event == XMLStreamConstants.END_DOCUMENT) throw error("unexpected end of document");
        }
    }

    /** Skips the current element and everything in it; positioned on its end tag after. */
    public void skipElement() {
        requireStart();
        skipRest(reader.getDepth());
    }

    /** Nesting depth of the current element: 1 for the root. */
    public int depth() {
        return reader.getDepth();
    }

    /** Local name of the current element. */
    public String name() {
        return reader.getLocalName();
    }

    QName qualifiedName() {
        return reader.getName();
    }

    /** An attribute of the current start tag, trimmed; null when absent or blank. */
    public String attr(String localName) {
        requireStart();
        return blankToNull(reader.getAttributeValue(null, localName));
    }

    /** All text inside the current element (children included), trimmed; null when blank. */
    public String text() {
        return text(DEFAULT_TEXT_CHARS);
    }

    /** Like {@link #text()}, keeping at most {@code maxChars} characters. */
    public String text(int maxChars) {
        return collect(maxChars, false, null);
    }

    /** Only the text directly inside the current element, not its children's; trimmed, null when blank. */
    public String ownText() {
        return collect(DEFAULT_TEXT_CHARS, true, null);
    }

    /**
     * Like {@link #ownText()} for mixed content (OpenVAS {@code <host>10.0.0.1<hostname>…</hostname></host>}):
     * each direct child is handed to {@code onChild}, positioned on its start tag, to read or leave.
     */
    public String ownText(Consumer<XmlCursor> onChild) {
        return collect(DEFAULT_TEXT_CHARS, true, onChild);
    }

    private String collect(int maxChars, boolean ownOnly, Consumer<XmlCursor> onChild) {
        requireStart();
        int depth = reader.getDepth();
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = advance();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if ((!ownOnly || reader.getDepth() == depth) && text.length() < maxChars) {
                        String chunk = reader.getText();
                        text.append(chunk, 0, Math.min(chunk.length(), maxChars - text.length()));
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (onChild != null && reader.getDepth() == depth + 1) {
                        int child = reader.getDepth();
                        onChild.accept(this);
                        // Whatever the callback read, continue after the child's end tag.
                        if (reader.getEventType() != XMLStreamConstants.END_ELEMENT || reader.getDepth() != child) {
                            skipRest(child);
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (reader.getDepth() == depth) return blankToNull(text.toString());
                }
                case XMLStreamConstants.END_DOCUMENT -> throw error("unexpected end of document");
                default -> { }
            }
        }
    }

    private void skipRest(int depth) {
        while (!(advance() == XMLStreamConstants.END_ELEMENT && reader.getDepth() == depth)) {
            // consume the rest of the element
        }
    }

    /** A whole number, or null (with a warning when the value is present but not a number). */
    public Integer integer(String value, String what) {
        Long parsed = longValue(value, what);
        if (parsed == null) return null;
        if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
            warn(what + " '" + value + "' is out of range; ignored");
            return null;
        }
        return parsed.intValue();
    }

    /** A whole number, or null (with a warning when the value is present but not a number). */
    public Long longValue(String value, String what) {
        if (absent(value)) return null;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            warn(what + " '" + value + "' is not a whole number; ignored");
            return null;
        }
    }

    /** A decimal number, or null (with a warning when the value is present but not a number). */
    public Double decimal(String value, String what) {
        if (absent(value)) return null;
        try {
            double parsed = Double.parseDouble(value.trim());
            if (Double.isFinite(parsed)) return parsed;
        } catch (NumberFormatException e) {
            // reported below
        }
        warn(what + " '" + value + "' is not a number; ignored");
        return null;
    }

    /** true/false, yes/no or 1/0; null (with a warning) for anything else present. */
    public Boolean bool(String value, String what) {
        if (absent(value)) return null;
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> { return Boolean.TRUE; }
            case "false", "no", "0" -> { return Boolean.FALSE; }
            default -> {
                warn(what + " '" + value + "' is not true or false; ignored");
                return null;
            }
        }
    }

    /**
     * An ISO-8601 instant ({@code 2018-04-13T03:48:50Z}, with an offset, or a bare date taken as UTC
     * midnight); null with a warning when present but unreadable.
     */
    public Instant instant(String value, String what) {
        if (absent(value)) return null;
        String text = value.trim();
        Instant parsed;
        try {
            parsed = Rfc3339.instant(text);
        } catch (DateTimeParseException notWithOffset) {
            try {
                parsed = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        // No zone given: scanners that omit it write UTC.
                        : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                warn(what + " '" + value + "' is not an ISO-8601 date-time; ignored");
                return null;
            }
        }
        return inRange(parsed, value, what);
    }

    /** Seconds since the epoch (Nmap, Nessus *_TIMESTAMP); null with a warning when unreadable. */
    public Instant epochSeconds(String value, String what) {
        Long seconds = longValue(value, what);
        if (seconds == null) return null;
        Instant instant;
        try {
            instant = Instant.ofEpochSecond(seconds);
        } catch (DateTimeException beyondEveryInstant) {
            instant = Instant.MAX;
        }
        return inRange(instant, value, what);
    }

    private Instant inRange(Instant instant, String value, String what) {
        if (Rfc3339.inRange(instant)) return instant;
        warn(what + " '" + value + "' is outside the " + Rfc3339.RANGE + "; ignored");
        return null;
    }

    @Override
    public void close() {
        try {
            reader.closeCompletely();
        } catch (XMLStreamException e) {
            // closing after a failure; the failure is what matters
        } finally {
            closeQuietly(input);
        }
    }

    private int advance() {
        try {
            if (!reader.hasNext()) return XMLStreamConstants.END_DOCUMENT;
            int event = reader.next();
            // Not reported while entity references are replaced (undeclared ones fail); kept as a second line of defence.
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw error("entity reference &" + reader.getLocalName()
                        + "; is not allowed: DTDs and entities are disabled for untrusted XML");
            }
            return event;
        } catch (XMLStreamException | WstxLazyException e) {
            throw failure(file, e, reader.getLocation());
        }
    }

    private void requireStart() {
        if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new IllegalStateException("not on a start tag at " + where());
        }
    }

    private static BadInputException failure(String file, Throwable e, Location fallback) {
        Throwable cause = e instanceof WstxLazyException && e.getCause() != null ? e.getCause() : e;
        Location location = cause instanceof XMLStreamException x && x.getLocation() != null ? x.getLocation() : fallback;
        String where = location == null || location.getLineNumber() < 0 ? file
                : file + ":" + location.getLineNumber() + ":" + location.getColumnNumber();
        return new BadInputException(where, reason(cause));
    }

    /** Woodstox appends " at [row,col,system-id]: …" on a new line; the location is already in {@code where}. */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        if (e instanceof SecureXml.Refused) return message;
        if (message == null || message.isBlank()) return "malformed XML (" + e.getClass().getSimpleName() + ")";
        int cut = message.indexOf("\n at [");
        String reason = (cut >= 0 ? message.substring(0, cut) : message).strip();
        if (reason.startsWith("[")) {
            // WstxLazyException prefixes its class name: "[com.ctc...] reason"
            int end = reason.indexOf(']');
            if (end > 0) reason = reason.substring(end + 1).strip();
        }
        reason = reason.replace('\n', ' ');
        return e instanceof WstxEOFException ? "malformed XML: the file ends early, truncated? (" + reason + ")"
                : "malformed XML: " + reason;
    }

    private static boolean absent(String value) {
        if (value == null) return true;
        String text = value.trim();
        return text.isEmpty() || text.equals("-") || text.equalsIgnoreCase("n/a");
    }

    private static String blankToNull(String value) {
        if (value == null) return null;
        String text = value.strip();
        return text.isEmpty() ? null : text;
    }

    private static void closeQuietly(InputStream input) {
        try {
            input.close();
        } catch (IOException e) {
            // nothing useful to do
        }
    }
}
