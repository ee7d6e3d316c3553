package io.regalia.store.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The summary as stored with its import record. */
final class SummaryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SummaryJson() {}

    static String of(ImportSummary summary) {
        try {
            return MAPPER.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
