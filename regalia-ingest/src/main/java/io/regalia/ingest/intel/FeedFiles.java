package io.regalia.ingest.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.json.JsonText;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opening feed files (gzip recognised by its magic bytes, whatever the name) and naming failures. */
final class FeedFiles {
    private static final int BUFFER = 1 << 16;

    static final ObjectMapper JSON = JsonText.mapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private FeedFiles() {}

    /** The file's bytes, decompressed when they start with the gzip magic number. */
    static InputStream open(Path file) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            }
            return in;
        } catch (NoSuchFileException e) {
            throw new BadInputException(name(file), "no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(name(file), "permission denied");
        } catch (ZipException | EOFException e) {
            throw new BadInputException(name(file), "corrupt gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first character that is not a byte-order mark or whitespace, or -1 for an empty file. */
    static int firstChar(Path file) {
        try (InputStream in = open(file)) {
            int b = in.read();
            if (b == 0xEF) {
                in.skip(2);
                b = in.read();
            }
            while (b == ' ' || b == '\t' || b == '\r' || b == '\n') b = in.read();
            return b;
        } catch (ZipException | EOFException e) {
            throw new BadInputException(name(file), "corrupt or truncated gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonParser jsonParser(Path file) {
        try {
            return JSON.createParser(open(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name used in messages: the path as the user gave it. */
    static String name(Path file) {
        return file.toString();
    }

    static String where(Path file, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return name(file);
        return name(file) + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    static String where(Path file, long line) {
        return name(file) + ":" + line;
    }

    /** Broken JSON, truncated gzip, unreadable file → one-line bad input; other I/O failures stay I/O failures. */
    static RuntimeException failure(Path file, IOException e) {
        if (e instanceof StreamReadException sre) {
            String path = sre.getProcessor() == null ? "" : path(sre.getProcessor().getParsingContext());
            return new BadInputException(where(file, sre.getLocation()), (path.isEmpty() ? "" : path + ": ") + jsonReason(sre));
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new BadInputException(name(file), "corrupt or truncated gzip data (" + e.getMessage() + ")");
        }
        return new UncheckedIOException(name(file) + ": " + e.getMessage(), e);
    }

    /** {@code vulnerabilities[3].cveID} for a parser's position. */
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
    static String jsonReason(StreamReadException e) {
        String m = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        return m.replaceAll("\\[Source: [^;\\]]*; ", "[").replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
