package io.regalia.ingest.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regalia.core.model.HostObservation;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.json.JsonText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a Regalia inventory JSON file ({@code "format": "regalia-inventory/1"}) as a stream: one
 * {@link ReportEvent.Header} (format "inventory"), then one {@link ReportEvent.Host} per asset in file order, with
 * {@link ReportEvent.Warning}s for unknown fields (once per field) between them. Only one asset's subtree is in memory
 * at a time. If the header fields do not all precede {@code assets} (keys sorted alphabetically, say), the file is
 * scanned once more for them first, skipping the assets, so the header is always the first event.
 *
 * <p>{@link #read} is single-pass and throws at the first error, after having emitted the events before it: the
 * caller imports in one transaction and rolls back on failure. {@link #validate} checks a whole file without a sink,
 * collecting every bad asset, for callers that want to report all problems before storing anything.
 *
 * <p>Messages do not name the file (callers prefix it): a bad value gives its JSON path
 * ({@code assets[3].openPorts[0].port: expected a number 1-65535, got "https"}), broken JSON the path, line and
 * column of the break.
 */
public final class InventoryJsonReader {
    /** The value of the document's {@code format} field. */
    public static final String FORMAT = "regalia-inventory/1";
    /** The {@link ReportEvent.Header#format()} this reader emits. */
    public static final String HEADER_FORMAT = "inventory";

    private static final int MAX_COLLECTED_ERRORS = 100;
    private static final ObjectMapper JSON = JsonText.mapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final String[] HEADER_FIELDS = {"format", "source", "scannedAt", "complete"};

    private final boolean skipInvalid;

    /** A reader that fails on the first bad asset. */
    public InventoryJsonReader() {
        this(false);
    }

    /**
     * @param skipInvalid when true ({@code --skip-invalid}), an asset with a bad value is skipped and reported as a
     *                    Warning (where = the bad value's path, message = the reason and "asset skipped") instead of
     *                    failing the read. Broken JSON and a bad header still fail.
     */
    public InventoryJsonReader(boolean skipInvalid) {
        this.skipInvalid = skipInvalid;
    }

    /**
     * Streams the file's events to {@code sink}.
     *
     * @throws BadInputException at the first bad value (unless skipping invalid assets), bad header or JSON break
     */
    public void read(Path file, ReportSink sink) {
        new Pass(file, sink, skipInvalid ? Invalid.SKIP : Invalid.FAIL).run();
    }

    /**
     * Reads the whole file without storing anything and reports what {@link #read} would meet: the header, counts,
     * every bad asset (the first problem of each; at most 100 kept, all counted) and the warnings. A broken document
     * or bad header ends the check and is the last error.
     */
    public InventoryCheck validate(Path file) {
        Counter counter = new Counter();
        Pass pass = new Pass(file, counter, Invalid.COLLECT);
        try {
            pass.run();
        } catch (BadInputException e) {
            pass.errors.add(e);
        }
        return new InventoryCheck(counter.header, counter.assets, counter.detections, pass.invalid,
                pass.errors, counter.warnings);
    }

    private enum Invalid { FAIL, SKIP, COLLECT }

    private static final class Counter implements ReportSink {
        ReportEvent.Header header;
        long assets;
        long detections;
        final List<ReportEvent.Warning> warnings = new ArrayList<>();

        @Override
        public void accept(ReportEvent event) {
            if (event instanceof ReportEvent.Header h) {
                header = h;
            } else if (event instanceof ReportEvent.Host h) {
                assets++;
                detections += h.host().detections().size();
            } else if (event instanceof ReportEvent.Warning w) {
                warnings.add(w);
            }
        }
    }

    /** One reading of one file. */
    private static final class Pass {
        private final Path file;
        private final ReportSink sink;
        private final Invalid invalidAssets;
        private final AssetDecoder decoder;
        private final List<ReportEvent.Warning> early = new ArrayList<>();
        private boolean headerSent;
        final List<BadInputException> errors = new ArrayList<>();
        long invalid;

        Pass(Path file, ReportSink sink, Invalid invalidAssets) {
            this.file = file;
            this.sink = sink;
            this.invalidAssets = invalidAssets;
            this.decoder = new AssetDecoder(this::warn);
        }

        void run() {
            try (JsonParser p = open(file)) {
                try {
                    document(p);
                } catch (StreamReadException e) {
                    throw broken(p, e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }

        private void document(JsonParser p) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadInputException(at(p.currentTokenLocation()),
                        "expected a JSON object with \"format\": \"" + FORMAT + "\"");
            }
            ObjectNode header = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("assets")) {
                    if (!headerSent) {
                        if (!hasAll(header)) header = headerFields(file);
                        sendHeader(header);
                    }
                    assets(p);
                } else if (AssetDecoder.TOP.contains(field)) {
                    JsonNode value = p.readValueAsTree();
                    if (!headerSent) header.set(field, value);
                } else {
                    decoder.unknown(field);
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadInputException(at(p.currentTokenLocation()), "unexpected content after the document");
            }
            if (!headerSent) sendHeader(header);
        }

        private void sendHeader(ObjectNode fields) {
            AssetDecoder.Obj top = decoder.object(fields, "");
            String format = top.text("format");
            if (format == null) throw new BadInputException("format", "missing; expected \"" + FORMAT + "\"");
            if (!format.equals(FORMAT)) {
                throw new BadInputException("format", "expected \"" + FORMAT + "\", got " + AssetDecoder.shown(fields.get("format")));
            }
            Boolean complete = top.bool("complete");
            sink.accept(new ReportEvent.Header(HEADER_FORMAT, top.text("source"), top.instant("scannedAt"),
                    Boolean.TRUE.equals(complete)));
            headerSent = true;
            early.forEach(sink::accept);
            early.clear();
        }

        /** Warnings met before the header is known wait for it: the header is always the first event. */
        private void warn(ReportEvent.Warning warning) {
            if (headerSent) {
                sink.accept(warning);
            } else {
                early.add(warning);
            }
        }

        private void assets(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) return;
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new BadInputException("assets", "expected an array, got " + AssetDecoder.shown(p.readValueAsTree()));
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String path = "assets[" + index++ + "]";
                JsonNode node = p.readValueAsTree();
                HostObservation host;
                try {
                    host = decoder.asset(node, path);
                } catch (BadInputException e) {
                    invalid(e);
                    continue;
                }
                sink.accept(new ReportEvent.Host(host));
            }
        }

        private void invalid(BadInputException e) {
            invalid++;
            switch (invalidAssets) {
                case FAIL -> throw e;
                case SKIP -> warn(new ReportEvent.Warning(e.where(), e.reason() + "; asset skipped"));
                case COLLECT -> {
                    if (errors.size() < MAX_COLLECTED_ERRORS) errors.add(e);
                }
            }
        }

        private BadInputException broken(JsonParser p, StreamReadException e) {
            JsonParser at = e.getProcessor() != null ? e.getProcessor() : p;
            String path = path(at.getParsingContext());
            JsonLocation location = e.getLocation() != null ? e.getLocation() : at.currentLocation();
            String where = at(location);
            return new BadInputException(path.isEmpty() ? where : path + " at " + where, reason(e));
        }
    }

    private static boolean hasAll(ObjectNode header) {
        for (String f : HEADER_FIELDS) {
            if (!header.has(f)) return false;
        }
        return true;
    }

    /** The top-level header fields wherever they are, skipping over the assets without building them. */
    private static ObjectNode headerFields(Path file) throws IOException {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        try (JsonParser p = open(file)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (List.of(HEADER_FIELDS).contains(field)) {
                    header.set(field, p.readValueAsTree());
                } else {
                    p.skipChildren();
                }
            }
        }
        return header;
    }

    private static JsonParser open(Path file) throws IOException {
        try {
            return JSON.createParser(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file.toString(), "no such file");
        }
    }

    private static String at(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** {@code assets[3].openPorts[0]} for the parser's position. */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    /** Jackson's message without its source description, on one line. */
    private static String reason(StreamReadException e) {
        String m = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        return m.replaceAll("\\[Source: [^;\\]]*; ", "[").replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
