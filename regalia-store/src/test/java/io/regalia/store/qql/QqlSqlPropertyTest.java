package io.regalia.store.qql;

import static org.assertj.core.api.Assertions.assertThat;

import io.regalia.core.qql.FieldCatalog;
import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.FieldCatalog.Type;
import io.regalia.core.qql.Query;
import io.regalia.core.qql.Value;
import io.regalia.core.qql.Value.DateValue;
import io.regalia.core.qql.Value.TextMatch;
import io.regalia.store.qql.Estate.Asset;
import io.regalia.store.testing.TestDatabase;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Random small estates stored in PostgreSQL and random well-typed queries: the compiled SQL selects exactly
 * the assets the in-memory evaluator selects.
 */
class QqlSqlPropertyTest {
    private static final FieldCatalog CATALOG = FieldCatalog.standard();
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** jqwik does not run JUnit extensions, so the test database is driven by hand through its callbacks. */
    private static final TestDatabase DB = new TestDatabase();
    private static final ExtensionContext CONTEXT = (ExtensionContext) Proxy.newProxyInstance(
            QqlSqlPropertyTest.class.getClassLoader(), new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("getUniqueId")) return "qql-sql-property";
                throw new UnsupportedOperationException(method.getName());
            });

    // ---- shared vocabulary: data and queries draw on it so that matches are frequent ------------------------

    private static final List<String> WORDS = List.of("web-01", "WEB-02", "db_prod", "db%prod", "Prod-DB-01", "a\\b",
            "x*y", "Server", "server blade", "", "Windows", "Cloud Agent", "OpenSSL", "linux", "mail.example.com");
    private static final List<Estate.Os> OSES = List.of(
            new Estate.Os("Windows Server 2019", "10.0", "Microsoft", "Windows", "Server", "GA", LocalDate.of(2029, 1, 9), null),
            new Estate.Os("Windows 7", "6.1", "Microsoft", "Windows", "Client", "EOL", LocalDate.of(2020, 1, 14),
                    LocalDate.of(2015, 1, 13)),
            new Estate.Os("Ubuntu 22.04", "22.04", "Canonical", "Linux", "Server", "EOL/EOS", LocalDate.of(2026, 3, 15),
                    LocalDate.of(2026, 3, 12)),
            new Estate.Os("Red Hat Enterprise Linux 6", null, null, "Linux", "", "EOS", null, LocalDate.of(2025, 3, 15)));
    private static final List<Estate.Software> SOFTWARE = List.of(
            new Estate.Software("OpenSSL", "1.0.2k", "OpenSSL Project", "Security", "Library", "EOL", LocalDate.of(2020, 1, 14)),
            new Estate.Software("OpenSSL", "3.0.2", "OpenSSL Project", "Security", "Library", "GA", LocalDate.of(2026, 9, 7)),
            new Estate.Software("openssl-libs", "1.0.2", null, null, null, null, null),
            new Estate.Software("glibc", "2.35", "GNU", "System", "", "GA", null),
            new Estate.Software("zlib", "1.0.3", null, "Library", null, "EOL/EOS", LocalDate.of(2026, 3, 12)),
            new Estate.Software("db_prod", "x*y", null, null, null, null, null));
    private static final List<Estate.Port> PORTS = List.of(new Estate.Port(22, "TCP", "ssh"), new Estate.Port(80, "TCP", "http"),
            new Estate.Port(443, "TCP", null), new Estate.Port(123, "UDP", "ntp"), new Estate.Port(8080, "TCP", ""));
    private static final List<Estate.Iface> INTERFACES = List.of(
            new Estate.Iface("10.0.0.5", "web-01", "00:11:22:33:44:55"), new Estate.Iface("10.1.2.3", null, null),
            new Estate.Iface("192.168.1.10", "db_prod", null), new Estate.Iface("2001:db8::5", null, null),
            new Estate.Iface(null, "x*y", null), new Estate.Iface("172.16.0.1", null, ""));
    private static final List<String> PUBLIC_IPS = List.of("8.8.8.8", "52.1.2.3", "2001:db8::5");
    private static final List<Instant> INSTANTS = List.of(NOW, NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofDays(1)),
            NOW.minus(Duration.ofHours(60)), NOW.minus(Duration.ofDays(3)), Instant.parse("2026-03-12T00:00:00Z"),
            NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(400)));
    private static final List<String> CVE_IDS = List.of("CVE-2021-44228", "CVE-2023-6246", "CVE-2024-21412");
    private static final List<String> TEXTS = Stream.of(WORDS,
            OSES.stream().map(Estate.Os::name).toList(), SOFTWARE.stream().map(Estate.Software::name).toList(),
            List.of("Microsoft", "Canonical", "1.0.2k", "Security", "Library", "Windows Servers", "PCI_%", "Apache Log4j RCE",
                    "10.0.0.5", "2001:db8::5", "00:11:22:33:44:55", "Qualys", "Nessus", "http", "ssh"), CVE_IDS)
            .flatMap(List::stream).filter(s -> !s.isEmpty()).toList();

    @BeforeContainer
    static void openDatabase() {
        DB.beforeAll(CONTEXT);
    }

    @AfterContainer
    static void closeDatabase() {
        DB.afterAll(CONTEXT);
    }

    @Property(tries = 150)
    void shouldSelectTheAssetsTheEvaluatorSelects(@ForAll("estates") Estate estate,
                                                  @ForAll @Size(min = 1, max = 8) List<@From("queries") Query> queries) {
        DB.beforeEach(CONTEXT);
        EstateRows.insert(DB.jdbi(), estate);
        var evaluator = new EstateEvaluator(estate, CLOCK);
        for (Query query : queries) {
            SqlPredicate p = QqlSql.compile(query, CLOCK);
            List<Long> ids = DB.jdbi().withHandle(h -> h.createQuery("SELECT a.id FROM asset a WHERE " + p.sql())
                    .bindMap(p.params()).mapTo(Long.class).list());
            assertThat(new TreeSet<>(ids)).as("%s%n  SQL: %s%n  params: %s", query, p.sql(), Arrays.deepToString(
                    p.params().entrySet().toArray())).isEqualTo(evaluator.matching(query));
            Statistics.collect(ids.isEmpty() ? "none" : ids.size() == estate.assets.size() ? "all" : "some");

            // asset by asset, as the tag engine evaluates rules on a few assets
            SqlPredicate perAsset = QqlSql.compile(query, CLOCK, "p", Evaluation.PER_ASSET);
            List<Long> perAssetIds = DB.jdbi().withHandle(h -> h.createQuery("SELECT a.id FROM asset a CROSS JOIN LATERAL "
                            + "(SELECT coalesce((" + perAsset.sql() + "), false) AS r OFFSET 0) m WHERE m.r")
                    .bindMap(perAsset.params()).mapTo(Long.class).list());
            assertThat(new TreeSet<>(perAssetIds)).as("%s%n  SQL per asset: %s", query, perAsset.sql())
                    .isEqualTo(evaluator.matching(query));
        }
        // The queries must tell assets apart, or agreeing on "none" and "all" would prove little.
        Statistics.coverage(coverage -> coverage.check("some").percentage(p -> p > 15));
    }

    /**
     * Detection groups joined by AND are compiled apart from other queries: their vulnerability conditions are
     * searched in the dictionary first. Random queries rarely produce them, so they get a property of their own.
     */
    @Property(tries = 60)
    void shouldSelectTheAssetsTheEvaluatorSelectsByDetectionGroups(@ForAll("estates") Estate estate,
            @ForAll @Size(min = 1, max = 8) List<@From("detectionGroups") Query> queries) {
        shouldSelectTheAssetsTheEvaluatorSelects(estate, queries);
    }

    @Provide
    Arbitrary<Query> detectionGroups() {
        Field group = CATALOG.find("vulnerabilities").orElseThrow();
        return query(1, group).list().ofMinSize(2).ofMaxSize(4).map(operands -> new Query.Nested(group, Query.and(operands)));
    }

    // ---- estates ----------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Estate> estates() {
        return Arbitraries.longs().list().ofMinSize(2).ofMaxSize(6).map(QqlSqlPropertyTest::estate);
    }

    /** One asset per seed; dictionaries (tags, vulnerabilities, CVEs) are the same in every estate. */
    static Estate estate(List<Long> seeds) {
        Estate e = new Estate();
        e.tag("Windows", 3);
        e.tag("Windows Servers", null);
        e.tag("Cloud Agent", 5);
        e.tag("PCI_%", 2);
        e.cve(new Estate.Cve("CVE-2021-44228", true, true, 0.97));
        e.cve(new Estate.Cve("CVE-2023-6246", false, false, 0.02));
        e.cve(new Estate.Cve("CVE-2024-21412", true, false, null));
        e.vuln(new Estate.Vuln(1, 376157, "Apache Log4j RCE", 5, List.of("CVE-2021-44228"), 10.0, true, null, null, 100));
        e.vuln(new Estate.Vuln(2, 380001, "glibc syslog overflow", 4, List.of("CVE-2023-6246", "CVE-2021-44228"), 7.8, false,
                "PROOF_OF_CONCEPT", 0.5, 60));
        e.vuln(new Estate.Vuln(3, 45038, "Host Scan Time", 1, List.of(), null, null, null, null, null));
        e.vuln(new Estate.Vuln(4, 91001, "Windows Security Update", 3, List.of("CVE-2023-6246"), 5.0, null, "FUNCTIONAL",
                0.1, 50));
        e.vuln(new Estate.Vuln(5, 91002, null, null, List.of("CVE-2099-0001"), null, true, null, 0.3, 10));
        for (long seed : seeds) {
            Random r = new Random(seed);
            Asset a = e.asset(maybe(r, WORDS));
            a.hostname = maybe(r, WORDS);
            a.fqdn = maybe(r, WORDS);
            a.netbios = maybe(r, WORDS);
            a.type = pick(r, List.of("HOST", "CLOUD_INSTANCE", "CONTAINER", "NETWORK_DEVICE", "WEB_APP", "UNKNOWN"));
            a.trackingMethod = pick(r, List.of("IP", "DNSNAME", "NETBIOS", "AGENT", "INSTANCE_ID"));
            a.os = maybe(r, OSES);
            a.hwCategory1 = maybe(r, WORDS);
            a.hwCategory2 = maybe(r, WORDS);
            a.hwManufacturer = maybe(r, WORDS);
            a.hwModel = maybe(r, WORDS);
            a.cloudProvider = maybe(r, List.of("AWS", "AZURE", "GCP"));
            a.cloudRegion = maybe(r, WORDS);
            a.cloudAccountId = maybe(r, WORDS);
            a.cloudInstanceId = maybe(r, WORDS);
            a.cloudImageId = maybe(r, WORDS);
            a.publicIp = maybe(r, PUBLIC_IPS);
            a.externallyExposed = r.nextBoolean();
            a.businessApplication = maybe(r, WORDS);
            a.businessOwner = maybe(r, WORDS);
            a.businessCriticality = maybe(r, WORDS);
            a.sources = subset(r, List.of("Qualys", "Nessus", "Trivy", ""));
            a.created = pick(r, INSTANTS);
            a.lastUpdated = pick(r, INSTANTS);
            a.lastSeen = maybe(r, INSTANTS);
            a.lastBoot = maybe(r, INSTANTS);
            a.criticality = 1 + r.nextInt(5);
            a.risk = pick(r, List.of(0, 250, 700, 701, 1000));
            a.software = subset(r, SOFTWARE);
            a.ports = subset(r, PORTS);
            a.interfaces = subset(r, INTERFACES);
            a.tagIds = subset(r, List.of(1L, 2L, 3L, 4L));
            for (Estate.Vuln v : subset(r, e.vulns)) {
                a.detections.add(new Estate.Detection(v.id(), pick(r, List.of("CONFIRMED", "POTENTIAL", "INFO")),
                        pick(r, List.of("NEW", "ACTIVE", "FIXED", "REOPENED")), pick(r, INSTANTS), pick(r, INSTANTS),
                        pick(r, List.of(0, 443))));
            }
        }
        return e;
    }

    private static <T> T pick(Random r, List<T> values) { return values.get(r.nextInt(values.size())); }

    private static <T> T maybe(Random r, List<T> values) { return r.nextInt(4) == 0 ? null : pick(r, values); }

    private static <T> List<T> subset(Random r, List<T> values) {
        List<T> out = new ArrayList<>();
        for (T v : values) if (r.nextInt(3) == 0) out.add(v);
        return out;
    }

    // ---- queries ----------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Query> queries() { return query(3, null); }

    private Arbitrary<Query> query(int depth, Field group) {
        Arbitrary<Query> leaf = leaf(group);
        if (depth == 0) return leaf;
        Arbitrary<Query> sub = Arbitraries.lazy(() -> query(depth - 1, group));
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaf),
                Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Query::and)),
                Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Query::or)),
                Tuple.of(1, sub.map(Query.Not::new)));
    }

    private Arbitrary<Query> leaf(Field group) {
        List<Field> fields = group == null ? CATALOG.fields() : CATALOG.within(group);
        List<Field> valued = fields.stream().filter(f -> f.type() != Type.GROUP).toList();
        List<Field> ordered = fields.stream().filter(f -> f.type() == Type.NUMBER || f.type() == Type.DATE).toList();
        List<Field> groups = fields.stream().filter(f -> f.type() == Type.GROUP).toList();
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Query>>> choices = new ArrayList<>();
        choices.add(Tuple.of(8, Arbitraries.of(valued).flatMap(f -> value(f).map(v -> new Query.Match(f, v)))));
        choices.add(Tuple.of(2, Combinators.combine(Arbitraries.of(fields), Arbitraries.of(true, false)).as(Query.IsNull::new)));
        if (!ordered.isEmpty()) {
            choices.add(Tuple.of(3, Arbitraries.of(ordered).flatMap(f -> Combinators.combine(
                    Arbitraries.of(Query.Comparison.class), single(f)).as((op, v) -> new Query.Compare(f, op, v)))));
        }
        if (!groups.isEmpty()) {
            choices.add(Tuple.of(1, Arbitraries.of(groups).map(g -> new Query.Match(g, new Value.Present()))));
            choices.add(Tuple.of(3, Arbitraries.of(groups).flatMap(g -> query(1, g).map(inner -> new Query.Nested(g, inner)))));
        }
        if (group == null) choices.add(Tuple.of(2, text().map(Query.FullText::new)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Arbitrary<Query> leaf = (Arbitrary) Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
        return leaf;
    }

    private Arbitrary<Value> value(Field f) {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Value>>> choices = new ArrayList<>();
        choices.add(Tuple.of(6, single(f)));
        choices.add(Tuple.of(1, Arbitraries.just(new Value.Present())));
        choices.add(Tuple.of(2, single(f).list().ofMinSize(1).ofMaxSize(3).map(Value.AnyOf::new)));
        if (f.type() == Type.NUMBER || f.type() == Type.DATE || f.type() == Type.IP) choices.add(Tuple.of(3, range(f)));
        if (f.type() == Type.IP) choices.add(Tuple.of(3, Arbitraries.of(CIDRS).map(QqlSqlPropertyTest::cidr)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Arbitrary<Value> value = (Arbitrary) Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
        return value;
    }

    /** One value of the field's type, from pools that overlap the estate's data. */
    private Arbitrary<Value> single(Field f) {
        return switch (f.type()) {
            case TEXT -> text().map(Value.class::cast);
            case NUMBER, SIZE -> Arbitraries.of(numbers(f.path())).map(n -> new Value.NumberValue(n, null));
            case DATE -> Arbitraries.of(DATES);
            case ENUM -> Arbitraries.of(f.constants()).map(c -> new Value.EnumValue(c.name(), c.matches()));
            case IP -> Arbitraries.of(ADDRESSES).map(QqlSqlPropertyTest::ip);
            case BOOLEAN -> Arbitraries.of(true, false).map(Value.BooleanValue::new);
            case GROUP -> throw new IllegalArgumentException(f.path());
        };
    }

    private static final List<String> ADDRESSES = List.of("10.0.0.5", "10.1.2.3", "192.168.1.10", "8.8.8.8", "172.16.0.1",
            "52.1.2.3", "2001:db8::5", "2001:db8::6");
    private static final List<String> CIDRS = List.of("10.0.0.0/8", "10.1.0.0/16", "192.168.1.0/24", "0.0.0.0/0",
            "2001:db8::/32", "8.8.8.8/32", "::/0");
    private static final List<Value> DATES = List.of(
            DateValue.Absolute.ofDay(LocalDate.of(2026, 3, 15)), DateValue.Absolute.ofDay(LocalDate.of(2026, 3, 14)),
            DateValue.Absolute.ofDay(LocalDate.of(2026, 3, 12)), DateValue.Absolute.ofDay(LocalDate.of(2026, 2, 13)),
            DateValue.Absolute.ofDay(LocalDate.of(2025, 3, 15)), DateValue.Absolute.ofDay(LocalDate.of(2020, 1, 14)),
            DateValue.Absolute.ofDay(LocalDate.of(2026, 9, 7)),
            new DateValue.Absolute(NOW, false), new DateValue.Absolute(NOW.minus(Duration.ofDays(3)), false),
            new DateValue.Absolute(Instant.parse("2026-03-12T00:00:00Z"), false),
            new DateValue.Absolute(Instant.parse("2026-03-13T06:00:00Z"), false),
            DateValue.Relative.now(), new DateValue.Relative(-1, Value.DateUnit.DAYS), new DateValue.Relative(-3, Value.DateUnit.DAYS),
            new DateValue.Relative(-60, Value.DateUnit.HOURS), new DateValue.Relative(-1, Value.DateUnit.WEEKS),
            new DateValue.Relative(-1, Value.DateUnit.MONTHS), new DateValue.Relative(-1, Value.DateUnit.YEARS),
            new DateValue.Relative(1, Value.DateUnit.DAYS), new DateValue.Relative(-10, Value.DateUnit.DAYS));

    private static List<BigDecimal> numbers(String path) {
        List<String> values = switch (path) {
            case "asset.id", "tags.id" -> List.of("1", "2", "3", "4", "6");
            case "asset.criticalityScore", "tags.criticalityScore", "vulnerabilities.vulnerability.severity" ->
                    List.of("0", "1", "2", "3", "4", "5");
            case "asset.riskScore" -> List.of("0", "250", "700", "700.5", "701", "1000");
            case "openPorts.port", "vulnerabilities.port" -> List.of("0", "22", "80", "123", "443", "8080");
            case "vulnerabilities.qds" -> List.of("10", "50", "60", "99.5", "100");
            case "vulnerabilities.vulnerability.qid" -> List.of("376157", "380001", "45038", "91002", "1");
            case "vulnerabilities.vulnerability.cvssScore" -> List.of("5", "5.0", "7.8", "9.8", "10");
            case "vulnerabilities.riskFactor.epss" -> List.of("0.02", "0.1", "0.3", "0.5", "0.97");
            default -> List.of("0", "1", "2", "5");
        };
        return values.stream().map(BigDecimal::new).toList();
    }

    private Arbitrary<Value> range(Field f) {
        Arbitrary<Value> bound = f.type() == Type.IP
                ? Arbitraries.of(ADDRESSES.stream().filter(a -> a.indexOf(':') < 0).toList()).map(QqlSqlPropertyTest::ip)
                : single(f);
        return Combinators.combine(bound, bound, Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(QqlSqlPropertyTest::orderedRange);
    }

    /** A range as the analyzer accepts it: bounds in order, equal bounds only when both are included. */
    private static Value orderedRange(Value low, Value high, boolean lowInclusive, boolean highInclusive) {
        int order = order(low, high);
        if (order > 0) return orderedRange(high, low, lowInclusive, highInclusive);
        if (order == 0) return new Value.Range(low, high, true, true);
        return new Value.Range(low, high, lowInclusive, highInclusive);
    }

    private static int order(Value low, Value high) {
        if (low instanceof Value.NumberValue a && high instanceof Value.NumberValue b) return a.magnitude().compareTo(b.magnitude());
        if (low instanceof DateValue a && high instanceof DateValue b) return a.resolve(CLOCK).compareTo(b.resolve(CLOCK));
        if (low instanceof Value.IpValue a && high instanceof Value.IpValue b) {
            byte[] x = a.address().getAddress();
            byte[] y = b.address().getAddress();
            for (int i = 0; i < x.length; i++) {
                int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
                if (c != 0) return c;
            }
            return 0;
        }
        throw new IllegalArgumentException(low + " .. " + high);
    }

    /** Substrings of the vocabulary, in either case, as contains, exact or glob text. */
    private Arbitrary<Value.Text> text() {
        return Combinators.combine(Arbitraries.of(TEXTS), Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(0, 20), Arbitraries.of(TextMatch.values()), Arbitraries.of(0, 1, 2, 3))
                .as(QqlSqlPropertyTest::text)
                .filter(t -> t != null);
    }

    private static Value.Text text(String source, int from, int to, TextMatch match, int shape) {
        String s = shape % 2 == 0 ? source : source.toUpperCase(Locale.ROOT);
        int i = Math.min(from, s.length());
        int j = Math.max(i, Math.min(s.length(), i + to));
        String sub = s.substring(i, j);
        return switch (match) {
            case CONTAINS -> sub.isEmpty() || sub.indexOf('*') >= 0 ? null : new Value.Text(sub, TextMatch.CONTAINS);
            case EXACT -> new Value.Text(shape < 2 ? s : sub.isEmpty() ? s : sub, TextMatch.EXACT);
            case GLOB -> {
                String glob = switch (shape) {
                    case 0 -> "*" + sub + "*";
                    case 1 -> s.substring(0, i) + "*";
                    case 2 -> "*" + s.substring(j);
                    default -> s.substring(0, i) + "*" + s.substring(j);
                };
                yield new Value.Text(glob, TextMatch.GLOB);
            }
        };
    }

    private static Value ip(String text) {
        try {
            return new Value.IpValue(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Value cidr(String text) {
        int slash = text.indexOf('/');
        try {
            return new Value.CidrValue(InetAddress.getByName(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
