package io.regalia.store.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.Qql;
import io.regalia.core.qql.Query;
import io.regalia.core.report.BadInputException;
import io.regalia.core.qql.Value;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * QQL to SQL, minimal stand-in: it covers only the fields the tag engine's tests use, and will be
 * replaced by the full compiler with the same signatures.
 */
public final class QqlSql {
    private static final Map<String, String> TEXT_COLUMNS = Map.ofEntries(
            Map.entry("asset.name", "a.name"), Map.entry("asset.hostname", "a.hostname"),
            Map.entry("asset.netbiosName", "a.netbios_name"), Map.entry("asset.fqdn", "a.fqdn"),
            Map.entry("operatingSystem", "(SELECT o.name FROM os_release o WHERE o.id = a.os_id)"),
            Map.entry("operatingSystem.name", "(SELECT o.name FROM os_release o WHERE o.id = a.os_id)"),
            Map.entry("operatingSystem.category1", "(SELECT o.category1 FROM os_release o WHERE o.id = a.os_id)"),
            Map.entry("operatingSystem.category2", "(SELECT o.category2 FROM os_release o WHERE o.id = a.os_id)"),
            Map.entry("operatingSystem.lifecycle.stage", "(SELECT o.lifecycle_stage FROM os_release o WHERE o.id = a.os_id)"),
            Map.entry("hardware.category1", "a.hw_category1"), Map.entry("hardware.category2", "a.hw_category2"),
            Map.entry("cloud.provider", "a.cloud_provider"), Map.entry("cloud.region", "a.cloud_region"));
    private static final Map<String, String> OTHER_COLUMNS = Map.of(
            "cloud.hasPublicIp", "(a.cloud_public_ip IS NOT NULL)", "asset.criticalityScore", "a.criticality_score",
            "asset.riskScore", "a.risk_score", "asset.lastSeen", "a.last_seen");
    /** Group fields: the element table and the SQL of each sub-field over its alias {@code e}. */
    private static final Map<String, String> GROUPS = Map.of(
            "software", "asset_software x JOIN software_product e ON e.id = x.software_id WHERE x.asset_id = a.id",
            "tags", "asset_tag x JOIN tag e ON e.id = x.tag_id WHERE x.asset_id = a.id");
    private static final Map<String, String> GROUP_COLUMNS = Map.of(
            "software.name", "e.name", "software.version", "e.version", "tags.name", "e.name", "tags.id", "e.id",
            "tags.criticalityScore", "e.criticality_score");

    private final Clock clock;
    private final String prefix;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private QqlSql(Clock clock, String prefix) {
        this.clock = clock;
        this.prefix = prefix;
    }

    public static SqlPredicate compile(String qql, Clock clock) {
        return compile(Qql.parse(qql), clock, "q");
    }

    public static SqlPredicate compile(Query q, Clock clock, String paramPrefix) {
        QqlSql c = new QqlSql(clock, paramPrefix);
        String sql = c.query(q, false);
        return new SqlPredicate(sql, c.params);
    }

    private String query(Query q, boolean inGroup) {
        if (q instanceof Query.Or or) {
            return or.operands().stream().map(o -> query(o, inGroup)).collect(Collectors.joining(" OR ", "(", ")"));
        } else if (q instanceof Query.And and) {
            return and.operands().stream().map(o -> query(o, inGroup)).collect(Collectors.joining(" AND ", "(", ")"));
        } else if (q instanceof Query.Not not) {
            return "(NOT coalesce(" + query(not.operand(), inGroup) + ", false))";
        } else if (q instanceof Query.Nested n) {
            return "EXISTS (SELECT 1 FROM " + group(n.group().path()) + " AND " + query(n.query(), true) + ")";
        } else if (q instanceof Query.Match m) {
            return m.field().isInGroup() && !inGroup
                    ? "EXISTS (SELECT 1 FROM " + group(m.field().group()) + " AND " + match(column(m.field(), true), m.value()) + ")"
                    : match(column(m.field(), inGroup), m.value());
        } else if (q instanceof Query.Compare c) {
            return column(c.field(), inGroup) + " " + c.op().symbol() + " " + bind(scalar(c.value()));
        } else if (q instanceof Query.IsNull n) {
            return column(n.field(), inGroup) + (n.negated() ? " IS NOT NULL" : " IS NULL");
        }
        throw unsupported(q.getClass().getSimpleName());
    }

    private static String group(String path) {
        String from = GROUPS.get(path);
        if (from == null) throw unsupported(path);
        return from;
    }

    private static String column(Field field, boolean inGroup) {
        String column = inGroup ? GROUP_COLUMNS.get(field.path())
                : TEXT_COLUMNS.getOrDefault(field.path(), OTHER_COLUMNS.get(field.path()));
        if (column == null) throw unsupported(field.path());
        return column;
    }

    private String match(String column, Value value) {
        if (value instanceof Value.Text t) {
            return switch (t.match()) {
                case CONTAINS -> "strpos(lower(" + column + "), lower(" + bind(t.text()) + ")) > 0";
                case EXACT -> "lower(" + column + ") = lower(" + bind(t.text()) + ")";
                case GLOB -> "lower(" + column + ") LIKE lower(" + bind(t.text().replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_").replace('*', '%')) + ")";
            };
        } else if (value instanceof Value.AnyOf any) {
            return any.values().stream().map(v -> match(column, v)).collect(Collectors.joining(" OR ", "(", ")"));
        } else if (value instanceof Value.EnumValue e) {
            return e.matches().stream().map(s -> "upper(" + column + ") = upper(" + bind(s) + ")")
                    .collect(Collectors.joining(" OR ", "(", ")"));
        } else if (value instanceof Value.BooleanValue b) {
            return column + " = " + bind(b.value());
        } else if (value instanceof Value.NumberValue n) {
            return column + " = " + bind(n.magnitude());
        } else if (value instanceof Value.Present) {
            return "coalesce(" + column + "::text, '') <> ''";
        }
        throw unsupported(value.getClass().getSimpleName());
    }

    private Object scalar(Value value) {
        if (value instanceof Value.NumberValue n) return n.magnitude();
        if (value instanceof Value.DateValue d) return Timestamp.from(d.resolve(clock));
        throw unsupported(value.getClass().getSimpleName());
    }

    private String bind(Object value) {
        String name = prefix + "_" + params.size();
        params.put(name, value);
        return ":" + name;
    }

    private static BadInputException unsupported(String what) {
        return new BadInputException("qql", what + " is not supported by this query compiler yet");
    }
}
