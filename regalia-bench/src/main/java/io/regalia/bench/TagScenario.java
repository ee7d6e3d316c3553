package io.regalia.bench;

import io.regalia.app.Demo;
import io.regalia.core.qql.Qql;
import io.regalia.core.report.ReportEvent;
import io.regalia.ingest.demo.DemoEstate;
import io.regalia.ingest.demo.DemoSpec;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.qql.QqlSql;
import io.regalia.store.qql.SqlPredicate;
import io.regalia.store.tag.MembershipChange;
import io.regalia.store.tag.RuleType;
import io.regalia.store.tag.Tag;
import io.regalia.store.tag.TagChange;
import io.regalia.store.tag.TagEngine;
import io.regalia.store.tag.TagRule;
import io.regalia.store.tag.TagService;
import java.sql.PreparedStatement;
import java.sql.SQLWarning;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import picocli.CommandLine.Option;

/**
 * Scenario 4: rule-based tags on an imported estate. The five rules of the crown-jewels walkthrough and
 * twenty generated ones (every rule type, the usual QQL shapes) are created one by one, each then
 * re-evaluated alone on all assets, and all of them together on random sets of touched assets, as an
 * import does, with the estate unchanged and with those assets changed. The tag engine is production's;
 * "now" is fixed at noon of the estate's scan day so relative dates give the same members on any day.
 */
final class TagScenario {
    /** Aim for one rule evaluated on all assets, in seconds. */
    static final double RULE_AIM = 1.0;
    /** Aim for every rule re-evaluated on the touched assets, in seconds. */
    static final double TOUCHED_AIM = 0.2;
    /** Rules whose plans are printed: the slowest this many. */
    private static final int EXPLAINED = 3;

    /** How the engine's one statement per rule starts (its search, insert and delete of members). */
    private static final String ENGINE = "WITH matching AS MATERIALIZED (SELECT a.id FROM asset a";
    /** The engine's statements on a few touched assets: which rules each asset matches, then the memberships. */
    private static final List<String> ONE_PASS = List.of("SELECT a.id, m.* FROM asset a CROSS JOIN LATERAL", "SELECT tag_id, asset_id FROM asset_tag");

    /** Options of the {@code tags} command. */
    static final class Options {
        @Option(names = "--touched", paramLabel = "N", description = "Touched assets re-evaluated together (default: ${DEFAULT-VALUE}).")
        int touched = 1_000;

        @Option(names = "--repeat", paramLabel = "N", description = "Runs of each timing; median and max are printed (default: ${DEFAULT-VALUE}).")
        int repeat = 5;

        @Option(names = "--plans", description = "Print the plans (auto_explain: actual times, buffers) of the slowest rules in full.")
        boolean plans;

        @Option(names = "--batch", paramLabel = "N", description = "Hosts per imported report while setting up (default: ${DEFAULT-VALUE}).")
        int batch = 250;
    }

    /** The estate of this scenario: many software entries per asset, fewer detections, so the import stays short. */
    static Bench.EstateSize estateSize() {
        Bench.EstateSize size = new Bench.EstateSize();
        size.software = 100;
        size.detections = 10;
        return size;
    }

    /** A tag to create: the walkthrough's or a generated one. */
    record Rule(String name, String type, String text, Integer criticality) {
        TagRule rule() { return TagRule.of(type, text); }
    }

    /** Median and max of repeated timings, in seconds. */
    record Timing(double median, double max) {
        static Timing of(List<Double> seconds) {
            double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
            return new Timing(median, s[s.length - 1]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "median %s, max %s", ms(median), ms(max));
        }
    }

    /**
     * One rule's figures: members after creation; the create (evaluation, history and rescoring of the new
     * members) and its engine statement; then the rule alone re-evaluated on all assets (nothing changes), wall
     * time of {@code TagService.evaluate} and its engine statement; and whether that changed anything.
     */
    record RuleFigures(Rule rule, long members, long searchMatches, double create, double createEngine, Timing all,
                       Timing allEngine, int changesOnReevaluation) {}

    /** Re-evaluation of every rule on the touched assets: wall time (transaction included) and memberships moved. */
    record Touched(Timing wall, Timing engine, long statements, long moved, List<StatementClock.Run> medianRun) {}

    /** The plan auto_explain reported for one rule's statement. */
    record Plan(String tag, double millis, List<String> lines) {}

    record Result(long assets, long softwareRows, long detectionRows, List<RuleFigures> rules,
                  int touchedAssets, Touched unchanged, Touched changed, List<Plan> plans, List<Plan> touchedPlans) {
        RuleFigures slowest() {
            return rules.stream().max(Comparator.comparingDouble(r -> r.allEngine().median())).orElseThrow();
        }
    }

    private TagScenario() {}

    static Result run(Sandbox sandbox, DemoSpec spec, Options options, Printout out) {
        Jdbi jdbi = sandbox.database().jdbi();
        out.section(String.format(Locale.ROOT, "tags: %,d assets × ~%d software, ~%d detections (seed %d)", spec.assets(),
                spec.softwarePerAsset(), spec.detectionsPerAsset(), spec.seed()));
        Demo.loadIntel(sandbox.regalia());
        long started = System.nanoTime();
        int reports = importInBatches(sandbox, spec, options.batch);
        double importSeconds = StatementClock.secondsSince(started);
        jdbi.useHandle(h -> h.execute("VACUUM (ANALYZE) asset, asset_software, software_product, asset_port, asset_interface, "
                + "detection, vulnerability, os_release, asset_tag, tag"));
        long assets = count(jdbi, "SELECT count(*) FROM asset");
        long software = count(jdbi, "SELECT count(*) FROM asset_software");
        long detections = count(jdbi, "SELECT count(*) FROM detection");
        out.line("estate imported (setup, from the generator)", String.format(Locale.ROOT,
                "%,d assets, %,d software rows (%.1f per asset), %,d detections in %s (%,d reports)", assets, software,
                software / (double) Math.max(1, assets), detections, Printout.seconds(importSeconds), reports));

        Clock clock = Clock.fixed(spec.today().atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        TagService tags = new TagService(jdbi, sandbox.regalia().risk(), clock);
        TagEngine engine = new TagEngine(clock);
        StatementClock statements = sandbox.statements();
        List<Rule> rules = rules(spec.seed());

        record Created(Rule rule, Tag tag, double seconds, double engine) {}
        List<Created> created = new ArrayList<>();
        for (Rule r : rules) {
            int mark = statements.mark();
            long t0 = System.nanoTime();
            Tag tag = tags.create(new TagChange(r.name(), Optional.ofNullable(r.criticality()), Optional.empty(),
                    Optional.empty(), Optional.of(r.rule())), "bench");
            created.add(new Created(r, tag, StatementClock.secondsSince(t0), engineSeconds(statements.since(mark))));
        }
        jdbi.useHandle(h -> h.execute("VACUUM (ANALYZE) asset_tag, tag, asset"));

        List<RuleFigures> figures = new ArrayList<>();
        for (Created c : created) {
            List<Double> wall = new ArrayList<>(), inEngine = new ArrayList<>();
            int changes = 0;
            for (int i = 0; i < options.repeat; i++) {
                int mark = statements.mark();
                long t0 = System.nanoTime();
                List<MembershipChange> moved = tags.evaluate(c.rule().name(), "bench");
                wall.add(StatementClock.secondsSince(t0));
                List<StatementClock.Run> runs = statements.since(mark);
                inEngine.add(engineSeconds(runs));
                changes += moved.size();
            }
            long matches = searchMatches(jdbi, c.rule(), clock);
            figures.add(new RuleFigures(c.rule(), c.tag().assets(), matches, c.seconds(), c.engine(), Timing.of(wall),
                    Timing.of(inEngine), changes));
        }

        long[] ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM asset ORDER BY id").mapTo(Long.class).list())
                .stream().mapToLong(Long::longValue).toArray();
        int touched = Math.min(options.touched, ids.length);
        SplittableRandom random = new SplittableRandom(spec.seed());
        Touched unchanged = touched(jdbi, engine, statements, ids, touched, options.repeat, random, null);
        Instant monthAgo = clock.instant().minus(Duration.ofDays(30));
        Long eolServer = jdbi.withHandle(h -> h.createQuery("""
                SELECT id FROM os_release WHERE category2 = 'Server' AND upper(lifecycle_stage) IN ('EOL', 'EOS', 'EOL/EOS')
                ORDER BY id LIMIT 1""").mapTo(Long.class).findOne().orElse(null));
        Touched changed = touched(jdbi, engine, statements, ids, touched, options.repeat, random, (h, scope) ->
                h.createUpdate("UPDATE asset SET last_seen = :seen, os_id = coalesce(:os, os_id) WHERE id = ANY (:ids)")
                        .bind("seen", monthAgo.atOffset(ZoneOffset.UTC)).bind("os", eolServer)
                        .bindArray("ids", Long.class, (Object[]) scope).execute());

        List<Plan> plans = plans(jdbi, engine, null);
        List<Plan> touchedPlans = plans(jdbi, engine, Arrays.asList(sample(ids, touched, random)));
        Result result = new Result(assets, software, detections, figures, touched, unchanged, changed, plans, touchedPlans);
        print(result, options, out);
        return result;
    }

    /**
     * Imports the generated estate as reports of {@code batch} hosts each, through the import service as
     * {@link Estate#importGenerated} does. Several reports rather than one, as scanners deliver them: a 9M-row
     * software inventory in one transaction would hold its whole staging on disk at once.
     *
     * @return the number of reports
     */
    static int importInBatches(Sandbox sandbox, DemoSpec spec, int batch) {
        List<ReportEvent> hosts = new ArrayList<>(batch);
        ReportEvent[] header = new ReportEvent[1];
        int[] reports = {0};
        Runnable flush = () -> {
            if (hosts.isEmpty()) return;
            int n = ++reports[0];
            sandbox.regalia().imports().run(new ImportRequest("estate-" + n, "estate:" + spec + ":" + n, DemoEstate.FORMAT), sink -> {
                sink.accept(header[0]);
                hosts.forEach(sink::accept);
            });
            hosts.clear();
        };
        DemoEstate.generate(spec, event -> {
            if (event instanceof ReportEvent.Header) {
                header[0] = event;
                return;
            }
            hosts.add(event);
            if (hosts.size() == batch) flush.run();
        });
        flush.run();
        return reports[0];
    }

    // ---- the rules ----------------------------------------------------------------------------------------

    /** The crown-jewels walkthrough of the README, as the blog writes its rules. */
    static final List<Rule> WALKTHROUGH = List.of(
            new Rule("Server Criticality 3", "GLOBAL_ASSET_VIEW", "operatingSystem.category:Server and hardware.category2:`Server`", 3),
            new Rule("Server Criticality 5", "GLOBAL_ASSET_VIEW",
                    "operatingSystem.category:Server and operatingSystem.lifecycle.stage:EOL/EOS and hardware.category2:`Server`", 5),
            new Rule("AWS Public Instances", "GLOBAL_ASSET_VIEW", "cloud.provider:AWS and cloud.hasPublicIp:true", 4),
            new Rule("OpenSSL", "GLOBAL_ASSET_VIEW", "software:(name:OpenSSL)", null),
            new Rule("Production Databases", "GLOBAL_ASSET_VIEW", "asset.name:*prod-db*", 5));

    /** One generated shape: its name and the rule it makes from a choice among realistic values. */
    private record Shape(String name, String type, Function<SplittableRandom, String> text) {}

    private static String pick(SplittableRandom r, String... choices) { return choices[r.nextInt(choices.length)]; }

    /**
     * Twenty shapes of rules as people write them, each with its values drawn from the estate's own vocabulary
     * (software, ports, address blocks, CVEs of the demo catalog), so every rule selects a realistic share.
     * Rules reading tags name the walkthrough's and the demo's static tags (Production, PCI, Finance, DMZ).
     */
    private static final List<Shape> SHAPES = List.of(
            new Shape("software version", "GLOBAL_ASSET_VIEW", r -> {
                String[] nv = pick(r, "OpenSSL|1.0*", "OpenSSL|1.1.1*", "OpenSSH|7.*", "curl|7.*", "sudo|1.8*").split("\\|");
                return "software:(name:`" + nv[0] + "` and version:" + nv[1] + ")";
            }),
            new Shape("software flat", "GLOBAL_ASSET_VIEW", r -> {
                String[] nv = pick(r, "Python|2.7*", "bash|4.*", "glibc|2.17", "log4j|2.1*").split("\\|");
                return "software.name:" + nv[0] + " and software.version:" + nv[1];
            }),
            new Shape("risky ports", "GLOBAL_ASSET_VIEW", r -> "openPorts.port:[" + pick(r, "23, 3389, 5900", "445, 3389", "1433, 3306, 5432, 6379") + "]"),
            new Shape("port range", "GLOBAL_ASSET_VIEW", r -> "openPorts:(port:" + pick(r, "[8000 .. 8090]", "[8000 .. 8443]", "[5000 .. 6443]")
                    + " and protocol:TCP)"),
            new Shape("address block", "GLOBAL_ASSET_VIEW", r -> "interfaces.address:" + pick(r, "10.10.0.0/16", "10.64.0.0/12", "172.16.0.0/12", "192.168.0.0/16")),
            new Shape("clients not servers", "GLOBAL_ASSET_VIEW", r -> "operatingSystem:" + pick(r, "win*", "*linux*")
                    + " and NOT operatingSystem.category:Server"),
            new Shape("CVE present", "GLOBAL_ASSET_VIEW", r -> "vulnerabilities.vulnerability.cveIds:"
                    + pick(r, "CVE-2024-6387", "CVE-2021-44228", "CVE-2021-3156", "CVE-2017-0144")),
            new Shape("recent severe open", "GLOBAL_ASSET_VIEW", r -> "vulnerabilities:(vulnerability.criticality:[`CRITICAL`, `HIGH`]"
                    + " and status:[New, Active, Re-Opened] and firstFound > now-" + pick(r, "7d", "14d", "30d") + ")"),
            new Shape("not seen lately", "GLOBAL_ASSET_VIEW", r -> "asset.lastSeen < now-" + pick(r, "7d", "14d")),
            new Shape("tag and not tag", "GLOBAL_ASSET_VIEW", r -> {
                String[] t = pick(r, "Production|OpenSSL", "PCI|Server Criticality 3", "Finance|AWS Public Instances").split("\\|");
                return "tags.name:`" + t[0] + "` and NOT tags.name:`" + t[1] + "`";
            }),
            new Shape("tag list and risk", "GLOBAL_ASSET_VIEW", r -> "tags.name:[`Server Criticality 5`, `Production Databases`, `DMZ`]"
                    + " and asset.riskScore > " + pick(r, "300", "500")),
            new Shape("old boot on hardware", "GLOBAL_ASSET_VIEW", r -> "hardware.manufacturer:\"" + pick(r, "Dell", "HPE", "Lenovo")
                    + "\" and hardware.category2:`Server` and asset.lastBoot < now-" + pick(r, "30d", "60d")),
            new Shape("known exploited open", "GLOBAL_ASSET_VIEW", r -> "vulnerabilities:(riskFactor.cisaKnownExploits:true and status:"
                    + pick(r, "[New, Active, Re-Opened]", "[New, Active]") + ")"),
            new Shape("name contains", "NAME_CONTAINS", r -> pick(r, "-prod-", "k8s-node", "-ws-", "web-")),
            new Shape("OS regex", "OS_REGEX", r -> pick(r, "^(red hat|centos)", "ubuntu 1[48]\\.04", "windows server 20(08|12)")),
            new Shape("network range", "NETWORK_RANGE", r -> pick(r, "10.10.0.0/16, 172.16.0.1-172.16.3.254", "10.64.0.0/12, 192.168.0.0/16",
                    "10.200.0.0/14, 10.220.0.0/14")),
            new Shape("open ports", "OPEN_PORTS", r -> pick(r, "22,8000-8090", "3389,5900", "1433,3306,5432")),
            new Shape("installed software", "INSTALLED_SOFTWARE", r -> pick(r, "log4j*", "jackson-databind", "Zoom", "Google Chrome")),
            new Shape("vulnerability exists", "VULN_EXIST", r -> pick(r, "CVE-2024-6387, 91345", "CVE-2021-44228", "CVE-2021-3156, CVE-2023-38408")),
            new Shape("cloud asset", "CLOUD_ASSET", r -> pick(r, "AWS: cloud.region:us-east-* and openPorts.port:22", "AZURE: cloud.hasPublicIp:true",
                    "AWS: NOT tags.name:`Production`")));

    /** The walkthrough's five rules, then the twenty generated from {@code seed}. */
    static List<Rule> rules(long seed) {
        List<Rule> out = new ArrayList<>(WALKTHROUGH);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < SHAPES.size(); i++) {
            Shape s = SHAPES.get(i);
            out.add(new Rule(String.format(Locale.ROOT, "G%02d %s", i + 1, s.name()), s.type(), s.text().apply(r), null));
        }
        return out;
    }

    // ---- measuring ----------------------------------------------------------------------------------------

    /** Seconds the engine's rule statements among {@code runs} took. */
    private static double engineSeconds(List<StatementClock.Run> runs) {
        return runs.stream().filter(r -> isEngine(r.label())).mapToDouble(StatementClock.Run::seconds).sum();
    }

    private static boolean isEngine(String sql) {
        return sql.startsWith(ENGINE) || ONE_PASS.stream().anyMatch(sql::startsWith);
    }

    /** Assets a plain search with the rule finds, for QQL rules (the engine must agree); -1 for other types. */
    private static long searchMatches(Jdbi jdbi, Rule rule, Clock clock) {
        if (!rule.type().equals(RuleType.GLOBAL_ASSET_VIEW.name())) return -1;
        SqlPredicate p = QqlSql.compile(Qql.parse(rule.text()), clock, "s");
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM asset a WHERE " + p.sql()).bindMap(p.params())
                .mapTo(Long.class).one());
    }

    /** What the touched assets go through before the re-evaluation (inside its transaction, untimed). */
    private interface Change {
        void apply(Handle h, Long[] scope);
    }

    /**
     * Every rule re-evaluated on {@code n} random assets, {@code repeat} times with new assets each time, in
     * one transaction each, as an import does after its merge. With a change, the assets are changed first and
     * the transaction is rolled back afterwards, so every run starts from the same estate.
     */
    private static Touched touched(Jdbi jdbi, TagEngine engine, StatementClock statements, long[] ids, int n, int repeat,
                                   SplittableRandom random, Change change) {
        List<Double> wall = new ArrayList<>(), inEngine = new ArrayList<>();
        List<List<StatementClock.Run>> all = new ArrayList<>();
        long moved = 0, count = 0;
        for (int i = 0; i < repeat; i++) {
            Long[] scope = sample(ids, n, random);
            List<Long> scopeList = Arrays.asList(scope);
            try (Handle h = jdbi.open()) {
                h.begin();
                if (change != null) change.apply(h, scope);
                int mark = statements.mark();
                long t0 = System.nanoTime();
                Set<Long> changed = engine.evaluate(h, scopeList, "bench");
                if (change == null) h.commit();
                double seconds = StatementClock.secondsSince(t0);
                if (change != null) h.rollback();
                List<StatementClock.Run> runs = statements.since(mark);
                wall.add(seconds);
                inEngine.add(engineSeconds(runs));
                all.add(runs);
                count = runs.size();
                moved = Math.max(moved, changed.size());
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < wall.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble(wall::get));
        return new Touched(Timing.of(wall), Timing.of(inEngine), count, moved, all.get(order.get(order.size() / 2)));
    }

    private static Long[] sample(long[] ids, int n, SplittableRandom random) {
        long[] copy = ids.clone();
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(copy.length - i);
            long t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return Arrays.stream(copy, 0, n).boxed().toArray(Long[]::new);
    }

    private static final Pattern DURATION = Pattern.compile("duration: ([0-9.]+) ms\\s+plan:", Pattern.DOTALL);

    /**
     * The plan of every rule's statement on {@code scope} (null: all assets), as the engine runs it, with actual
     * times and buffers: auto_explain loaded into one session and reporting each plan as a notice, in a
     * transaction that is rolled back. Each rule is evaluated alone (the others made static for the moment, in a
     * savepoint), so each plan is known to be its rule's.
     */
    static List<Plan> plans(Jdbi jdbi, TagEngine engine, List<Long> scope) {
        List<String> notices = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        try (Handle h = jdbi.open()) {
            record Rule(long id, String name) {}
            List<Rule> rules = h.createQuery("SELECT id, name FROM tag WHERE rule_type NOT IN ('STATIC', 'BUSINESS_INFORMATION') ORDER BY id")
                    .map((rs, ctx) -> new Rule(rs.getLong(1), rs.getString(2))).list();
            h.begin();
            try {
                h.execute("LOAD 'auto_explain'");
                h.execute("SET LOCAL auto_explain.log_min_duration = 0");
                h.execute("SET LOCAL auto_explain.log_analyze = on");
                h.execute("SET LOCAL auto_explain.log_buffers = on");
                h.execute("SET LOCAL auto_explain.log_level = notice");
                h.execute("SET LOCAL client_min_messages = notice");
                h.addCustomizer(new StatementCustomizer() {
                    @Override
                    public void afterExecution(PreparedStatement stmt, StatementContext ctx) throws java.sql.SQLException {
                        for (SQLWarning w = stmt.getWarnings(); w != null; w = w.getNextWarning()) notices.add(w.getMessage());
                    }
                });
                for (Rule rule : rules) {
                    h.savepoint("alone");
                    h.createUpdate("""
                            UPDATE tag SET rule_type = 'STATIC', rule_text = NULL
                            WHERE id <> :id AND rule_type NOT IN ('STATIC', 'BUSINESS_INFORMATION')""").bind("id", rule.id()).execute();
                    notices.clear();
                    engine.evaluate(h, scope, "bench");
                    // a query's plan arrives when its portal closes, with the next statement's reply
                    h.createQuery("SELECT 1").mapTo(Integer.class).one();
                    h.rollbackToSavepoint("alone");
                    for (String notice : notices) {
                        Matcher d = DURATION.matcher(notice);
                        if (!d.find()) continue;
                        String[] lines = notice.substring(d.end()).strip().split("\n");
                        String text = String.join(" ", lines);
                        // the rules' own statement: rule by rule, or the one pass over touched assets
                        if (!text.startsWith("Query Text: " + ENGINE) && !text.startsWith("Query Text: " + ONE_PASS.get(0))) continue;
                        int parameters = 0;
                        while (parameters < lines.length && !lines[parameters].startsWith("Query Parameters:")) parameters++;
                        List<String> plan = Arrays.asList(lines).subList(Math.min(parameters + 1, lines.length), lines.length);
                        plans.add(new Plan(rule.name(), Double.parseDouble(d.group(1)), plan));
                    }
                }
            } finally {
                h.rollback();
            }
        }
        return plans;
    }

    // ---- printing -----------------------------------------------------------------------------------------

    private static void print(Result r, Options options, Printout out) {
        out.line("rules", "");
        for (int i = 0; i < r.rules().size(); i++) {
            Rule rule = r.rules().get(i).rule();
            out.note(String.format(Locale.ROOT, "%2d  %-24s %-18s %s%s", i + 1, rule.name(), rule.type(), rule.text(),
                    rule.criticality() == null ? "" : "  (criticality " + rule.criticality() + ")"));
        }
        out.line("per rule: members; create; re-evaluation on all assets", "(median of " + options.repeat + ")");
        out.note(String.format(Locale.ROOT, "%2s  %-24s %9s %10s %10s   %10s %10s", "", "tag", "members", "create",
                "of which", "all assets", "of which"));
        out.note(String.format(Locale.ROOT, "%2s  %-24s %9s %10s %10s   %10s %10s", "", "", "", "", "engine", "(wall)", "engine"));
        for (int i = 0; i < r.rules().size(); i++) {
            RuleFigures f = r.rules().get(i);
            out.note(String.format(Locale.ROOT, "%2d  %-24s %,9d %10s %10s   %10s %10s", i + 1, f.rule().name(), f.members(),
                    ms(f.create()), ms(f.createEngine()), ms(f.all().median()), ms(f.allEngine().median())));
        }
        RuleFigures slowest = r.slowest();
        double worstWall = r.rules().stream().mapToDouble(f -> f.all().max()).max().orElse(0);
        out.line("slowest rule on all assets (engine, median)", slowest.rule().name() + ": " + slowest.allEngine()
                + String.format(Locale.ROOT, "  %s of the %s aim", Printout.percent(slowest.allEngine().median() / RULE_AIM), ms(RULE_AIM))
                + (slowest.allEngine().median() <= RULE_AIM ? ", met" : ", not met"));
        out.line("slowest rule on all assets (wall, max of all runs)", ms(worstWall));
        double createMax = r.rules().stream().mapToDouble(RuleFigures::create).max().orElse(0);
        out.line("slowest create (evaluate + write members + rescore)", ms(createMax));
        out.line(String.format(Locale.ROOT, "all %d rules on %,d touched assets, unchanged", r.rules().size(), r.touchedAssets()),
                r.unchanged().wall() + String.format(Locale.ROOT, "  (%s of the %s aim, %s)", Printout.percent(r.unchanged().wall().median() / TOUCHED_AIM),
                        ms(TOUCHED_AIM), r.unchanged().wall().median() <= TOUCHED_AIM ? "met" : "not met"));
        out.note(String.format(Locale.ROOT, "engine statements %s; %d statements per run; memberships moved: %,d",
                r.unchanged().engine(), r.unchanged().statements(), r.unchanged().moved()));
        printStatements(r.unchanged(), out);
        out.line(String.format(Locale.ROOT, "same, the %,d assets changed first", r.touchedAssets()),
                r.changed().wall() + String.format(Locale.ROOT, "  (%s of the %s aim, %s)", Printout.percent(r.changed().wall().median() / TOUCHED_AIM),
                        ms(TOUCHED_AIM), r.changed().wall().median() <= TOUCHED_AIM ? "met" : "not met"));
        out.note(String.format(Locale.ROOT, "(moved to an end-of-life server OS, last seen 30 days ago; rolled back) engine statements %s;"
                + " %d statements per run; up to %,d assets changed membership", r.changed().engine(), r.changed().statements(), r.changed().moved()));
        printStatements(r.changed(), out);
        List<String> slowNames = r.rules().stream().sorted(Comparator.comparingDouble((RuleFigures f) -> f.allEngine().median()).reversed())
                .limit(EXPLAINED).map(f -> f.rule().name()).toList();
        out.line("plans of the " + EXPLAINED + " slowest rules on all assets", "(auto_explain, rolled back)");
        for (String name : slowNames) {
            r.plans().stream().filter(p -> p.tag().equals(name)).forEach(p -> printPlan(p, options.plans, out));
        }
        out.line("plans of the " + EXPLAINED + " slowest statements on touched assets", "(auto_explain, rolled back)");
        r.touchedPlans().stream().sorted(Comparator.comparingDouble(Plan::millis).reversed()).limit(EXPLAINED)
                .forEach(p -> printPlan(p, options.plans, out));
    }

    /** The slowest statements of the median run, and what the rest of it took. */
    private static void printStatements(Touched t, Printout out) {
        List<StatementClock.Run> runs = t.medianRun().stream()
                .sorted(Comparator.comparingDouble(StatementClock.Run::seconds).reversed()).toList();
        double total = runs.stream().mapToDouble(StatementClock.Run::seconds).sum();
        out.note(String.format(Locale.ROOT, "statements of the median run: %s in all", ms(total)));
        runs.stream().limit(5).forEach(run -> out.note(String.format(Locale.ROOT, "  %8s  %s", ms(run.seconds()), run.label())));
    }

    private static void printPlan(Plan p, boolean full, Printout out) {
        out.note(String.format(Locale.ROOT, "%s: %.1f ms", p.tag(), p.millis()));
        (full ? p.lines() : p.lines().stream().limit(12).toList()).forEach(l -> out.note("    " + l));
    }

    static String ms(double seconds) {
        return seconds >= 10 ? String.format(Locale.ROOT, "%.1f s", seconds) : String.format(Locale.ROOT, "%.0f ms", seconds * 1e3);
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
