package io.regalia.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.regalia.core.model.StorableText;

/** Mappers whose trees hold text as PostgreSQL can store it ({@link StorableText}). */
public final class JsonText {
    private JsonText() {}

    public static ObjectMapper mapper(JsonFactory factory) {
        return new ObjectMapper(factory).setNodeFactory(new StorableNodes());
    }

    private static final class StorableNodes extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public TextNode textNode(String text) {
            return super.textNode(StorableText.of(text));
        }
    }
}
