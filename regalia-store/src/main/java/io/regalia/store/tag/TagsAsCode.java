package io.regalia.store.tag;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.regalia.core.report.BadInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tag tree as YAML, for review and version control ({@code regalia tags export} and {@code apply}):
 * <pre>
 * format: regalia-tags/1
 * tags:
 * - name: Crown jewels
 *   criticality: 5
 *   color: "#B00020"
 *   children:
 *   - name: Production databases
 *     ruleType: GLOBAL_ASSET_VIEW
 *     rule: asset.name:*prod-db*
 * </pre>
 * A tag without {@code ruleType} is static. Errors name the file and the path of the bad entry.
 */
public final class TagsAsCode {
    public static final String FORMAT = "regalia-tags/1";
    private static final Set<String> ROOT_FIELDS = Set.of("format", "tags");
    private static final List<String> TAG_FIELDS = List.of("name", "ruleType", "rule", "criticality", "color", "children");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TagsAsCode() {}

    /** The tree as a YAML document. */
    public static String write(List<TagSpec> tree) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("tags", tree.stream().map(TagsAsCode::node).toList());
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> node(TagSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        if (s.rule().isDynamic()) {
            m.put("ruleType", s.rule().type().name());
            m.put("rule", s.rule().text());
        }
        if (s.criticality() != null) m.put("criticality", s.criticality());
        if (s.color() != null) m.put("color", s.color());
        if (!s.children().isEmpty()) m.put("children", s.children().stream().map(TagsAsCode::node).toList());
        return m;
    }

    /**
     * Reads a tag tree. Rules are checked as on save.
     *
     * @param source the file name, for messages
     * @throws BadInputException naming {@code source} and the line and column, or the path of the bad entry
     *     ({@code tags[0].children[1].rule})
     */
    public static List<TagSpec> read(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
            // the parser's message spans lines (snippets, carets); keep its unindented sentences
            String reason = e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .collect(java.util.stream.Collectors.joining("; "));
            throw new BadInputException(where, "not valid YAML: " + reason);
        }
        if (root == null || !root.isObject() || !root.has("tags")) {
            throw new BadInputException(source, "expected a document with 'format: " + FORMAT + "' and a 'tags' list");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!ROOT_FIELDS.contains(field)) throw bad(source, field, "unknown field; expected format and tags");
        }
        if (root.has("format") && !FORMAT.equals(root.get("format").asText())) {
            throw bad(source, "format", "expected '" + FORMAT + "', got '" + root.get("format").asText() + "'");
        }
        return list(root.get("tags"), "tags", source);
    }

    private static List<TagSpec> list(JsonNode node, String path, String source) {
        if (node.isNull()) return List.of();
        if (!node.isArray()) throw bad(source, path, "expected a list of tags");
        List<TagSpec> specs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) specs.add(tag(node.get(i), path + "[" + i + "]", source));
        return specs;
    }

    private static TagSpec tag(JsonNode node, String path, String source) {
        if (!node.isObject()) throw bad(source, path, "expected a tag (a mapping with at least a name)");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!TAG_FIELDS.contains(field)) {
                throw bad(source, path + "." + field, "unknown field; expected " + String.join(", ", TAG_FIELDS));
            }
        }
        String name = text(node, "name", path, source);
        if (name == null || name.isBlank()) throw bad(source, path + ".name", "a tag needs a name");
        String type = text(node, "ruleType", path, source);
        String rule = text(node, "rule", path, source);
        TagRule parsed;
        if (type == null) {
            if (rule != null) throw bad(source, path + ".ruleType", "a rule needs a ruleType");
            parsed = TagRule.STATIC;
        } else {
            try {
                RuleType.parse(type);
            } catch (TagException e) {
                throw bad(source, path + ".ruleType", e.getMessage());
            }
            try {
                parsed = TagRule.of(type, rule);
            } catch (TagException e) {
                throw bad(source, path + ".rule", e.getMessage());
            }
        }
        Integer criticality = null;
        JsonNode c = node.get("criticality");
        if (c != null && !c.isNull()) {
            if (!c.isInt() || c.asInt() < 1 || c.asInt() > 5) {
                throw bad(source, path + ".criticality", "expected a whole number 1-5, got " + c);
            }
            criticality = c.asInt();
        }
        String color = text(node, "color", path, source);
        if (color != null) {
            try {
                TagService.validColor(color);
            } catch (TagException e) {
                throw bad(source, path + ".color", e.getMessage());
            }
        }
        JsonNode children = node.get("children");
        return new TagSpec(name.strip(), parsed, criticality, color,
                children == null ? List.of() : list(children, path + ".children", source));
    }

    private static String text(JsonNode node, String field, String path, String source) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isValueNode() || v.isBoolean()) throw bad(source, path + "." + field, "expected text, got " + v);
        return v.asText();
    }

    private static BadInputException bad(String source, String path, String reason) {
        return new BadInputException(source + ": " + path, reason);
    }
}
