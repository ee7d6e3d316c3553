package io.regalia.store.tag;

import io.regalia.core.model.IpAddresses;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.Qql;
import io.regalia.core.qql.Query;
import io.regalia.core.qql.Value;
import io.regalia.core.report.BadInputException;
import io.regalia.store.qql.Evaluation;
import io.regalia.store.qql.QqlSql;
import io.regalia.store.qql.SqlPredicate;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Each rule type compiled to one SQL predicate over the asset table aliased {@code a}, so every type runs
 * through the same set-based evaluation. Dictionary tables (OS, software, vulnerabilities) are searched
 * first, once per statement, and joined by id as the {@link Evaluation} says.
 */
final class Rules {
    private static final Pattern PORTS = Pattern.compile("(\\d{1,5})(?:\\s*-\\s*(\\d{1,5}))?");
    private static final Pattern QID = Pattern.compile("\\d{1,18}");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOUD = Pattern.compile("([A-Za-z]+)\\s*(?::\\s*(.*))?", Pattern.DOTALL);
    private static final Clock CHECK_CLOCK = Clock.systemUTC();

    private Rules() {}

    /** Refuses a rule whose text is not valid for its type, with a one-line reason. */
    static void check(TagRule rule) {
        compile(rule, CHECK_CLOCK, "check", Evaluation.SET);
    }

    /**
     * Checks what only the database can: an OS_REGEX must be a PostgreSQL regular expression too, since
     * PostgreSQL evaluates it. Runs in a savepoint so a refusal leaves the transaction usable.
     */
    static void checkInDatabase(Handle h, TagRule rule) {
        if (rule.type() != RuleType.OS_REGEX) return;
        h.savepoint("os_regex");
        try {
            h.createQuery("SELECT '' ~* :re").bind("re", rule.text()).mapTo(Boolean.class).one();
            h.release("os_regex");
        } catch (RuntimeException e) {
            h.rollbackToSavepoint("os_regex");
            throw invalid(rule, "is not a regular expression PostgreSQL accepts (" + postgresReason(e) + ")");
        }
    }

    /** The rule as a predicate for a statement that evaluates it as {@code evaluation} says; parameter names start with {@code prefix}. */
    static SqlPredicate compile(TagRule rule, Clock clock, String prefix, Evaluation evaluation) {
        String p = prefix + "_";
        return switch (rule.type()) {
            case STATIC -> throw new IllegalArgumentException("a static tag has no rule to compile");
            case GLOBAL_ASSET_VIEW -> qql(rule, rule.text(), clock, prefix, evaluation);
            case NAME_CONTAINS -> new SqlPredicate("(strpos(lower(a.name), lower(:" + p + "text)) > 0"
                    + " OR strpos(lower(a.hostname), lower(:" + p + "text)) > 0"
                    + " OR strpos(lower(a.netbios_name), lower(:" + p + "text)) > 0)", Map.of(p + "text", rule.text()));
            case OS_REGEX -> {
                try {
                    Pattern.compile(rule.text(), Pattern.CASE_INSENSITIVE);
                } catch (PatternSyntaxException e) {
                    throw invalid(rule, "is not a valid regular expression: " + e.getDescription()
                            + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
                }
                yield new SqlPredicate("a.os_id = ANY (ARRAY(SELECT o.id FROM os_release o WHERE o.name ~* :" + p + "re))",
                        Map.of(p + "re", rule.text()));
            }
            case NETWORK_RANGE -> networkRange(rule, p);
            case OPEN_PORTS -> openPorts(rule, p);
            case INSTALLED_SOFTWARE -> {
                String name = rule.text();
                String match = name.indexOf('*') >= 0 ? "lower(s.name) LIKE lower(:" + p + "name)" : "strpos(lower(s.name), lower(:" + p + "name)) > 0";
                String value = name.indexOf('*') >= 0
                        ? name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%') : name;
                yield new SqlPredicate("EXISTS (SELECT 1 FROM asset_software x WHERE x.asset_id = a.id AND "
                        + evaluation.productOrTag("x.software_id", "SELECT s.id FROM software_product s WHERE " + match) + ")",
                        Map.of(p + "name", value));
            }
            case VULN_EXIST -> vulnExist(rule, p, evaluation);
            case CLOUD_ASSET -> cloudAsset(rule, clock, prefix, evaluation);
        };
    }

    /** Which tags a rule's result depends on (QQL {@code tags.*} fields); empty for other types. */
    static TagReferences references(TagRule rule) {
        String qql = switch (rule.type()) {
            case GLOBAL_ASSET_VIEW -> rule.text();
            case CLOUD_ASSET -> cloudParts(rule)[1];
            default -> null;
        };
        if (qql == null) return TagReferences.NONE;
        TagReferences refs = new TagReferences();
        collect(parsed(qql), refs);
        return refs;
    }

    private static void collect(Query q, TagReferences refs) {
        if (q instanceof Query.Or or) {
            or.operands().forEach(o -> collect(o, refs));
        } else if (q instanceof Query.And and) {
            and.operands().forEach(o -> collect(o, refs));
        } else if (q instanceof Query.Not not) {
            collect(not.operand(), refs);
        } else if (q instanceof Query.Nested nested) {
            if (nested.group().path().equals("tags")) {
                refs.anyTag = refs.anyTag || !onlyNamesOrIds(nested.query());
            }
            collect(nested.query(), refs);
        } else if (q instanceof Query.Match m) {
            reference(m.field(), m.value(), refs);
        } else if (q instanceof Query.Compare c) {
            if (isTagField(c.field())) refs.anyTag = true;
        } else if (q instanceof Query.IsNull n) {
            if (isTagField(n.field())) refs.anyTag = true;
        }
    }

    private static boolean onlyNamesOrIds(Query q) {
        if (q instanceof Query.Or or) return or.operands().stream().allMatch(Rules::onlyNamesOrIds);
        if (q instanceof Query.And and) return and.operands().stream().allMatch(Rules::onlyNamesOrIds);
        if (q instanceof Query.Not not) return onlyNamesOrIds(not.operand());
        return q instanceof Query.Match m && (m.field().path().equals("tags.name") || m.field().path().equals("tags.id"))
                && !(m.value() instanceof Value.Present);
    }

    private static boolean isTagField(Field f) {
        return f.path().equals("tags") || f.path().startsWith("tags.");
    }

    private static void reference(Field field, Value value, TagReferences refs) {
        if (!isTagField(field)) return;
        if (value instanceof Value.AnyOf any) {
            any.values().forEach(v -> reference(field, v, refs));
        } else if (field.path().equals("tags.name") && value instanceof Value.Text t) {
            refs.names.add(textMatcher(t));
        } else if (field.path().equals("tags.id") && value instanceof Value.NumberValue n) {
            refs.ids.add(n.number().longValue());
        } else {
            refs.anyTag = true;
        }
    }

    /** QQL text matching in Java, to find which tag names a {@code tags.name} value matches. */
    private static Predicate<String> textMatcher(Value.Text t) {
        String value = t.text().toLowerCase(Locale.ROOT);
        return switch (t.match()) {
            case CONTAINS -> name -> name.toLowerCase(Locale.ROOT).contains(value);
            case EXACT -> name -> name.equalsIgnoreCase(t.text());
            case GLOB -> {
                Pattern glob = Pattern.compile(Arrays.stream(value.split("\\*", -1)).map(Pattern::quote)
                        .collect(Collectors.joining(".*")), Pattern.DOTALL);
                yield name -> glob.matcher(name.toLowerCase(Locale.ROOT)).matches();
            }
        };
    }

    /** Parsed QQL of saved rules: every import evaluates every rule, and the texts rarely change. */
    private static final Map<String, Query> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 1_000;

    /** The rule text parsed, from {@link #PARSED} when seen before; a text that does not parse is not kept. */
    private static Query parsed(String text) {
        Query q = PARSED.get(text);
        if (q != null) return q;
        q = Qql.parse(text);
        if (PARSED.size() < PARSED_MAX) PARSED.put(text, q);
        return q;
    }

    private static SqlPredicate qql(TagRule rule, String text, Clock clock, String prefix, Evaluation evaluation) {
        try {
            return QqlSql.compile(parsed(text), clock, prefix, evaluation);
        } catch (BadInputException e) {
            throw new TagException(TagException.Kind.INVALID, rule.type() + " rule: " + e.getMessage());
        }
    }

    private static SqlPredicate networkRange(TagRule rule, String p) {
        List<String> networks = new ArrayList<>();
        List<String> lows = new ArrayList<>();
        List<String> highs = new ArrayList<>();
        String[] entries = rule.text().split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            String where = "entry " + (i + 1) + " '" + entry + "'";
            if (entry.isEmpty()) throw invalid(rule, "has an empty entry " + (i + 1));
            int slash = entry.indexOf('/');
            int dash = entry.indexOf('-');
            if (slash >= 0) {
                InetAddress network = address(rule, where, entry.substring(0, slash).strip());
                String bits = entry.substring(slash + 1).strip();
                int max = network instanceof Inet4Address ? 32 : 128;
                if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
                    throw invalid(rule, where + ": the prefix length must be 0-" + max);
                }
                try {
                    new Value.CidrValue(network, Integer.parseInt(bits));
                } catch (IllegalArgumentException e) {
                    throw invalid(rule, where + ": the address has bits set past /" + bits + "; write its network address");
                }
                networks.add(network.getHostAddress() + "/" + bits);
            } else if (dash >= 0) {
                InetAddress low = address(rule, where, entry.substring(0, dash).strip());
                InetAddress high = address(rule, where, entry.substring(dash + 1).strip());
                if (low.getClass() != high.getClass()) throw invalid(rule, where + ": both ends must be IPv4 or both IPv6");
                if (Arrays.compareUnsigned(low.getAddress(), high.getAddress()) > 0) {
                    throw invalid(rule, where + ": the first address is after the last");
                }
                lows.add(low.getHostAddress());
                highs.add(high.getHostAddress());
            } else {
                InetAddress one = address(rule, where, entry);
                networks.add(one.getHostAddress() + (one instanceof Inet4Address ? "/32" : "/128"));
            }
        }
        return new SqlPredicate("EXISTS (SELECT 1 FROM asset_interface i WHERE i.asset_id = a.id AND i.address IS NOT NULL"
                + " AND (i.address <<= ANY (cast(:" + p + "nets AS inet[])) OR EXISTS (SELECT 1 FROM unnest(cast(:" + p
                + "lows AS inet[]), cast(:" + p + "highs AS inet[])) r(lo, hi) WHERE i.address BETWEEN r.lo AND r.hi)))",
                Map.of(p + "nets", networks.toArray(String[]::new), p + "lows", lows.toArray(String[]::new),
                        p + "highs", highs.toArray(String[]::new)));
    }

    /** A literal address, never a host name: parsing must not touch DNS. */
    private static InetAddress address(TagRule rule, String where, String text) {
        boolean literal = IpAddresses.isLiteral(text);
        if (literal) {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                // falls through to the refusal
            }
        }
        throw invalid(rule, where + ": '" + text + "' is not an IP address (expected an address, a CIDR such as"
                + " 10.0.0.0/8, or a range such as 10.0.0.1-10.0.0.99)");
    }

    private static SqlPredicate openPorts(TagRule rule, String p) {
        List<Integer> lows = new ArrayList<>();
        List<Integer> highs = new ArrayList<>();
        String[] entries = rule.text().split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            Matcher m = PORTS.matcher(entry);
            String where = "entry " + (i + 1) + " '" + entry + "'";
            if (!m.matches()) throw invalid(rule, where + ": expected a port (22) or a range of ports (8080-8090)");
            int low = Integer.parseInt(m.group(1));
            int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
            if (low > 65535 || high > 65535) throw invalid(rule, where + ": ports are 0-65535");
            if (low > high) throw invalid(rule, where + ": the first port is after the last");
            lows.add(low);
            highs.add(high);
        }
        return new SqlPredicate("EXISTS (SELECT 1 FROM asset_port x JOIN unnest(cast(:" + p + "lows AS int[]), cast(:" + p
                + "highs AS int[])) r(lo, hi) ON x.port BETWEEN r.lo AND r.hi WHERE x.asset_id = a.id)",
                Map.of(p + "lows", lows.toArray(Integer[]::new), p + "highs", highs.toArray(Integer[]::new)));
    }

    private static SqlPredicate vulnExist(TagRule rule, String p, Evaluation evaluation) {
        List<Long> qids = new ArrayList<>();
        List<String> cves = new ArrayList<>();
        for (String raw : rule.text().split(",", -1)) {
            String id = raw.strip();
            if (QID.matcher(id).matches()) qids.add(Long.parseLong(id));
            else if (CVE.matcher(id).matches()) cves.add(id.toUpperCase(Locale.ROOT));
            else throw invalid(rule, "'" + id + "' is neither a QID (a number) nor a CVE id (CVE-2021-44228)");
        }
        return new SqlPredicate("EXISTS (SELECT 1 FROM detection d WHERE d.asset_id = a.id AND d.status <> 'FIXED' AND "
                + evaluation.vulnerability("d.vulnerability_id", "SELECT v.id FROM vulnerability v WHERE v.qid = ANY (cast(:" + p
                + "qids AS bigint[])) OR v.cves && cast(:" + p + "cves AS text[])", true) + ")",
                Map.of(p + "qids", qids.toArray(Long[]::new), p + "cves", cves.toArray(String[]::new)));
    }

    private static SqlPredicate cloudAsset(TagRule rule, Clock clock, String prefix, Evaluation evaluation) {
        String[] parts = cloudParts(rule);
        String p = prefix + "_";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(p + "provider", parts[0]);
        String sql = "a.cloud_provider = :" + p + "provider";
        if (parts[1] != null) {
            SqlPredicate query = qql(rule, parts[1], clock, prefix + "_q", evaluation);
            params.putAll(query.params());
            sql = "(" + sql + " AND (" + query.sql() + "))";
        }
        return new SqlPredicate(sql, params);
    }

    /** {@code PROVIDER} or {@code PROVIDER: QQL}: the provider's name and the query, null when absent. */
    private static String[] cloudParts(TagRule rule) {
        Matcher m = CLOUD.matcher(rule.text());
        String providers = Arrays.stream(CloudProvider.values()).map(Enum::name).collect(Collectors.joining(", "));
        if (!m.matches()) {
            throw invalid(rule, "expected a cloud provider (" + providers + "), optionally followed by ': ' and a QQL query");
        }
        String provider = m.group(1).toUpperCase(Locale.ROOT);
        if (Arrays.stream(CloudProvider.values()).noneMatch(c -> c.name().equals(provider))) {
            throw invalid(rule, "'" + m.group(1) + "' is not a cloud provider; expected one of " + providers);
        }
        String query = m.group(2) == null || m.group(2).isBlank() ? null : m.group(2).strip();
        return new String[] {provider, query};
    }

    private static TagException invalid(TagRule rule, String reason) {
        return new TagException(TagException.Kind.INVALID, rule.type() + " rule '" + rule.text() + "' " + reason);
    }

    private static String postgresReason(RuntimeException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage().getMessage();
            }
            t = t.getCause();
        }
        return e.getMessage();
    }
}
