package io.regalia.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.core.model.StorableText;
import io.regalia.core.report.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A JSON file read token by token. Callbacks of {@link #fields} and {@link #elements} are positioned on
 * the first token of a value and must consume it whole ({@link #tree}, {@link #skip}, {@link #text} or a
 * nested walk). Every failure becomes a {@link BadInputException} naming file:line:column and the path.
 */
public final class JsonStream implements AutoCloseable {
    private static final ObjectMapper MAPPER = JsonText.mapper(new JsonFactory());

    private final Path file;
    private final JsonParser parser;

    private JsonStream(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    public static JsonStream open(Path file) {
        try {
            return new JsonStream(file, MAPPER.createParser(file.toFile()));
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the file (" + e.getMessage() + ")");
        }
    }

    /** Reads the first token of the document; an empty file is bad input. */
    public JsonToken root() {
        JsonToken token = next();
        if (token == null) throw new BadInputException(file.toString(), "the file is empty");
        return token;
    }

    /** Checks that nothing but whitespace follows the root value. */
    public void end() {
        if (next() != null) throw error("unexpected content after the end of the document");
    }

    public JsonToken next() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw error(e);
        }
    }

    public JsonToken current() { return parser.currentToken(); }

    /** Walks the object the stream is on, calling {@code onField} positioned on each field's value. */
    public void fields(Consumer<String> onField) {
        expect(JsonToken.START_OBJECT, "an object");
        while (next() == JsonToken.FIELD_NAME) {
            String name = currentName();
            next();
            onField.accept(name);
        }
    }

    /** Walks the array the stream is on, calling {@code onElement} positioned on each element. */
    public void elements(IntConsumer onElement) {
        expect(JsonToken.START_ARRAY, "an array");
        int index = 0;
        while (next() != JsonToken.END_ARRAY) {
            if (current() == null) throw error("unexpected end of input inside an array");
            onElement.accept(index++);
        }
    }

    /** Reads the value the stream is on as a tree: keep these small (one result, one match). */
    public JsonNode tree() {
        try {
            return MAPPER.readTree(parser);
        } catch (IOException e) {
            throw error(e);
        }
    }

    public void skip() {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw error(e);
        }
    }

    /** The scalar value the stream is on as text; null for JSON null; an error for objects and arrays. */
    public String text() {
        JsonToken token = current();
        if (token == JsonToken.VALUE_NULL) return null;
        if (token == null || !token.isScalarValue()) throw error("expected a text or number value");
        try {
            return StorableText.of(parser.getValueAsString());
        } catch (IOException e) {
            throw error(e);
        }
    }

    public void expect(JsonToken token, String what) {
        if (current() != token) throw error("expected " + what + ", got " + describe(current()));
    }

    /** Where the stream is, as {@code file:line:column}. */
    public String where() {
        JsonLocation at = parser.currentTokenLocation();
        return file + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /** The JSON path of the value the stream is on, e.g. {@code $.Results[2].Vulnerabilities}. */
    public String path() {
        var parts = new ArrayDeque<String>();
        for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) parts.push("[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            else if (ctx.getCurrentName() != null) parts.push("." + ctx.getCurrentName());
        }
        return "$" + String.join("", parts);
    }

    public BadInputException error(String reason) {
        return new BadInputException(where(), reason + " at " + path());
    }

    private BadInputException error(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation at = jpe.getLocation();
            String where = at == null ? where() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            return new BadInputException(where, clean(jpe.getOriginalMessage()) + " at " + path());
        }
        return new BadInputException(file.toString(), "cannot read the file (" + e.getMessage() + ")");
    }

    private String currentName() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw error(e);
        }
    }

    private static String clean(String message) {
        if (message == null) return "malformed JSON";
        String oneLine = message.replaceAll("\\s+", " ").trim();
        int source = oneLine.indexOf(" (start marker at");
        if (source >= 0) oneLine = oneLine.substring(0, source);
        int at = oneLine.indexOf(" at [Source:");
        if (at >= 0) oneLine = oneLine.substring(0, at);
        return oneLine;
    }

    private static String describe(JsonToken token) {
        if (token == null) return "the end of input";
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
