package io.regalia.ingest.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FieldsTest {
    static JsonNode row(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void shouldReadAReferenceInEveryFormTheTableApiSends() throws Exception {
        JsonNode row = row("""
                {"plain": "6816f79cc0a8016401c5a33be04be441",
                 "linked": {"link": "https://x.service-now.com/api/now/table/sys_user/6816f79cc0a8016401c5a33be04be441",
                            "value": "6816f79cc0a8016401c5a33be04be441"},
                 "displayed": {"display_value": "Fred Luddy",
                               "link": "https://x.service-now.com/api/now/table/sys_user/6816f79cc0a8016401c5a33be04be441"},
                 "all": {"display_value": "Fred Luddy", "value": "6816f79cc0a8016401c5a33be04be441",
                         "link": "https://x.service-now.com/api/now/table/sys_user/6816f79cc0a8016401c5a33be04be441"},
                 "empty": "", "nothing": null, "blankLink": {"link": "", "value": ""}}""");

        for (String field : new String[] {"plain", "linked", "displayed", "all"}) {
            assertThat(Fields.reference(row, field)).as(field).isEqualTo("6816f79cc0a8016401c5a33be04be441");
        }
        assertThat(Fields.text(row, "displayed")).isEqualTo("Fred Luddy");
        assertThat(Fields.text(row, "all")).isEqualTo("Fred Luddy");
        assertThat(Fields.text(row, "linked")).isEqualTo("6816f79cc0a8016401c5a33be04be441");
        assertThat(Fields.text(row, "plain")).isEqualTo("6816f79cc0a8016401c5a33be04be441");
        for (String field : new String[] {"empty", "nothing", "missing", "blankLink"}) {
            assertThat(Fields.reference(row, field)).as(field).isNull();
            assertThat(Fields.text(row, field)).as(field).isNull();
        }
    }
}
