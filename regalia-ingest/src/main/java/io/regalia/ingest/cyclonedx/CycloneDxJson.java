package io.regalia.ingest.cyclonedx;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.ingest.json.JsonStream;

import java.nio.file.Path;
import java.util.ArrayList;

import static io.regalia.ingest.json.JsonTrees.array;
import static io.regalia.ingest.json.JsonTrees.instant;
import static io.regalia.ingest.json.JsonTrees.number;
import static io.regalia.ingest.json.JsonTrees.text;

/** The JSON form: top-level fields streamed, one component or vulnerability materialized at a time. */
final class CycloneDxJson {
    private CycloneDxJson() {}

    static void read(Path file, BomAssembly bom) {
        try (var json = JsonStream.open(file)) {
            json.root();
            json.expect(JsonToken.START_OBJECT, "a CycloneDX BOM object");
            json.fields(field -> {
                switch (field) {
                    case "bomFormat" -> {
                        String format = json.text();
                        if (!"CycloneDX".equalsIgnoreCase(format)) {
                            throw json.error("bomFormat is \"" + format + "\", expected \"CycloneDX\"");
                        }
                    }
                    case "specVersion" -> bom.specVersion(json.where(), json.text());
                    case "metadata" -> {
                        JsonNode metadata = json.tree();
                        bom.timestamp(instant(metadata, "timestamp"));
                        JsonNode subject = metadata.get("component");
                        if (subject != null && subject.isObject()) bom.subject(component(subject));
                    }
                    case "components" -> elements(json, () -> addComponents(json.tree(), bom));
                    case "vulnerabilities" -> elements(json, () -> {
                        String where = json.where() + " " + json.path();
                        bom.vulnerability(vulnerability(where, json.tree()));
                    });
                    default -> json.skip();
                }
            });
            json.end();
        }
    }

    private static void elements(JsonStream json, Runnable each) {
        if (json.current() == JsonToken.VALUE_NULL) return;
        json.elements(i -> each.run());
    }

    /** Components nest (an image contains its packages); all of them are software of the asset. */
    private static void addComponents(JsonNode node, BomAssembly bom) {
        bom.component(component(node));
        for (JsonNode child : array(node, "components")) addComponents(child, bom);
    }

    private static Bom.Component component(JsonNode node) {
        String publisher = text(node, "publisher");
        if (publisher == null) publisher = text(node, "supplier", "name");
        return new Bom.Component(text(node, "bom-ref"), text(node, "type"), text(node, "name"),
                text(node, "version"), publisher);
    }

    private static Bom.Vulnerability vulnerability(String where, JsonNode node) {
        var references = new ArrayList<String>();
        for (JsonNode reference : array(node, "references")) {
            String id = text(reference, "id");
            if (id != null) references.add(id);
        }
        var ratings = new ArrayList<Bom.Rating>();
        for (JsonNode rating : array(node, "ratings")) {
            ratings.add(new Bom.Rating(text(rating, "source", "name"), number(rating, "score"),
                    text(rating, "severity"), text(rating, "method"), text(rating, "vector")));
        }
        var affects = new ArrayList<String>();
        for (JsonNode affected : array(node, "affects")) {
            String ref = text(affected, "ref");
            if (ref != null) affects.add(ref);
        }
        return new Bom.Vulnerability(where, text(node, "id"), references, ratings, text(node, "analysis", "state"),
                text(node, "analysis", "justification"), text(node, "analysis", "detail"), affects,
                text(node, "description"));
    }
}
