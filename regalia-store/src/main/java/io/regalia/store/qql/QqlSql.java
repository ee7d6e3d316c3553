package io.regalia.store.qql;

import io.regalia.core.qql.Qql;
import io.regalia.core.qql.Query;

import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Compiles QQL (spec/qql.md) to a boolean SQL expression over the asset table aliased {@code a}, for
 * {@code SELECT a.id FROM asset a WHERE <sql>} or inside larger statements (dynamic tags, scopes).
 *
 * <p>Every value is a named parameter; field names map to fixed columns. Multi-valued groups become
 * {@code EXISTS} subqueries: the flat form {@code software.name:X and software.version:Y} is two of them,
 * the nested group {@code software:(name:X and version:Y)} one whose element satisfies both. Text on
 * dictionary tables (OS, software products, tags, vulnerabilities) is searched there first, then joined by id.
 *
 * <p>Meanings the spec leaves open: text matches are case-insensitive ({@code ILIKE}, {@code lower()});
 * {@code field:*} on text means non-NULL and non-empty; a date written as a day is the whole UTC day; a
 * relative date is resolved once, with {@code clock}, and matched by its UTC day with ':' and '=' but as a
 * moment with {@code < <= > >=}; stored dates (end of life) are their day's first instant in UTC. In the flat
 * form, {@code group.field IS NULL} holds when no element has a value. {@code vulnerabilities.vulnerability.os}
 * is the OS of the asset the detection is on; {@code exploitCodeMaturity} is WEAPONIZED for a CVE in KEV, else
 * the scanner's maturity, else NONE; {@code epss} is the highest EPSS of the CVEs, else the scanner's.
 * Detections of every status match unless the query names {@code vulnerabilities.status}.
 */
public final class QqlSql {
    /** Prefix of parameter names when none is given: {@code :q0}, {@code :q1}, ... */
    public static final String DEFAULT_PREFIX = "q";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private QqlSql() {}

    /**
     * Parses and compiles a query.
     *
     * @throws io.regalia.core.qql.QqlException when the query is malformed or ill-typed
     */
    public static SqlPredicate compile(String qqlText, Clock clock) {
        return compile(Qql.parse(qqlText), clock);
    }

    /** Compiles a parsed query; parameters are named {@code q0}, {@code q1}, ... */
    public static SqlPredicate compile(Query query, Clock clock) {
        return compile(query, clock, DEFAULT_PREFIX);
    }

    /**
     * Compiles a parsed query with parameters named {@code paramPrefix} followed by a number, so several
     * predicates can share a statement: give each its own prefix (e.g. {@code t1_}, {@code t2_}). A prefix is
     * an identifier that does not end in a digit, which keeps the names of different prefixes apart.
     *
     * @param clock resolves relative dates ({@code now-3d}) once, at compile time
     * @throws io.regalia.core.report.BadInputException when the query names a field that has no column yet
     */
    public static SqlPredicate compile(Query query, Clock clock, String paramPrefix) {
        return compile(query, clock, paramPrefix, Evaluation.SET);
    }

    /** As {@link #compile(Query, Clock, String)}, for a statement that evaluates the predicate as {@code evaluation} says. */
    public static SqlPredicate compile(Query query, Clock clock, String paramPrefix, Evaluation evaluation) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(paramPrefix, "paramPrefix");
        if (!PREFIX.matcher(paramPrefix).matches() || Character.isDigit(paramPrefix.charAt(paramPrefix.length() - 1))) {
            throw new IllegalArgumentException("parameter prefix must be an identifier not ending in a digit: " + paramPrefix);
        }
        var writer = new PredicateWriter(clock, paramPrefix, evaluation);
        String sql = writer.write(query);
        return new SqlPredicate(sql, writer.params());
    }
}
