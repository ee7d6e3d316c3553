package io.regalia.bench;

import io.regalia.app.Demo;
import io.regalia.ingest.demo.DemoSpec;
import io.regalia.store.inventory.ImportSummary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs Regalia's scale scenarios, each in its own throwaway embedded PostgreSQL, and prints rates and
 * ratios. Exit code 0 when every consistency check held (aims missed are reported, not failures), 1 when
 * one failed, 2 for bad options.
 */
@Command(name = "regalia-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scale scenarios for Regalia; see docs/performance.md.",
        subcommands = {Bench.ImportCommand.class, Bench.RescoreCommand.class, Bench.EstateCommand.class, Bench.ScanCommand.class,
                Bench.AllCommand.class, Bench.TagCommand.class})
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Options every scenario takes. */
    static final class Common {
        @Option(names = "--dir", paramLabel = "DIR", description = "Parent of the throwaway directories (default: the system temp directory).")
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));

        @Option(names = "--keep", description = "Keep the throwaway directories (database and generated files).")
        boolean keep;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of every generated estate and file (default: ${DEFAULT-VALUE}).")
        long seed = 42;

        @Option(names = "--explain-slow", paramLabel = "SECONDS",
                description = "Diagnostic: log and print the plans (auto_explain, with actual times) of statements slower than this; slows them down.")
        Integer explainSlow;

        @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "The day the generated scans are dated (default: today, UTC).")
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
    }

    /** Size of the generated estate. */
    static final class EstateSize {
        @Option(names = "--assets", paramLabel = "N", description = "Assets in the estate (default: ${DEFAULT-VALUE}).")
        int assets = 100_000;

        @Option(names = "--detections", paramLabel = "N", description = "Average detections per asset (default: ${DEFAULT-VALUE}).")
        int detections = 50;

        @Option(names = "--software", paramLabel = "N", description = "Average software entries per asset (default: ${DEFAULT-VALUE}).")
        int software = 25;

        DemoSpec spec(Common c) { return new DemoSpec(assets, c.seed, c.today, detections, software); }
    }

    static final class RescoreOptions {
        @Option(names = "--repeat", paramLabel = "N", description = "Runs of each rescore timing; best and median are printed (default: ${DEFAULT-VALUE}).")
        int repeat = 3;

        @Option(names = "--plans", description = "Print the EXPLAIN (ANALYZE, BUFFERS) plans in full.")
        boolean plans;
    }

    static final class ScanOptions {
        @Option(names = "--hosts", paramLabel = "N", description = "Hosts in each scanner file (default: ${DEFAULT-VALUE}).")
        int hosts = 20_000;

        @Option(names = "--per-host", paramLabel = "N", description = "Detections per host (default: ${DEFAULT-VALUE}).")
        int perHost = 50;

        @Option(names = "--format", paramLabel = "F", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Files format = Files.BOTH;

        enum Files { NESSUS, QUALYS, BOTH }

        List<ScanFiles.Kind> kinds() {
            return switch (format) {
                case NESSUS -> List.of(ScanFiles.Kind.NESSUS);
                case QUALYS -> List.of(ScanFiles.Kind.QUALYS);
                case BOTH -> List.of(ScanFiles.Kind.NESSUS, ScanFiles.Kind.QUALYS);
            };
        }

        ScanFiles.Spec spec(Common c) { return new ScanFiles.Spec(hosts, perHost, c.seed, c.today); }

        /** Each scanner file in a database of its own. */
        List<Scenario> scenarios(Common c) {
            return kinds().stream().<Scenario>map(kind -> (s, checks) ->
                    checks.scanConsistent(ScanScenario.run(s, kind, spec(c), new Printout(System.out)))).toList();
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Scenario 1: inventory JSON import of the demo estate vs COPY of the same rows.")
    static final class ImportCommand implements Callable<Integer> {
        @Mixin Common common = new Common();
        @Mixin EstateSize size = new EstateSize();

        @Override
        public Integer call() {
            return runEach(common, List.of((s, checks) ->
                    checks.importConsistent(ImportScenario.run(s, size.spec(common), new Printout(System.out)))));
        }
    }

    @Command(name = "rescore", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Scenario 2: full rescore vs one hand-written TruRisk aggregate, on a freshly imported estate.")
    static final class RescoreCommand implements Callable<Integer> {
        @Mixin Common common = new Common();
        @Mixin EstateSize size = new EstateSize();
        @Mixin RescoreOptions rescore = new RescoreOptions();

        @Override
        public Integer call() {
            return runEach(common, List.of((s, checks) -> {
                Demo.loadIntel(s.regalia());
                long started = System.nanoTime();
                ImportSummary summary = Estate.importGenerated(s.regalia(), size.spec(common));
                new Printout(System.out).line("estate imported (setup, from the generator)", String.format(Locale.ROOT,
                        "%,d assets, %,d detections in %s", summary.assetsCreated(), summary.detections(),
                        Printout.seconds((System.nanoTime() - started) / 1e9)));
                checks.scoresIdentical(RescoreScenario.run(s, rescore.repeat, rescore.plans, new Printout(System.out)));
            }));
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Scenario 3: Nessus and Qualys XML import vs a bare StAX parse and COPY; run with -Xmx512m.")
    static final class ScanCommand implements Callable<Integer> {
        @Mixin Common common = new Common();
        @Mixin ScanOptions scan = new ScanOptions();

        @Override
        public Integer call() {
            return runEach(common, scan.scenarios(common));
        }
    }

    @Command(name = "estate", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Scenarios 1 and 2 on one estate: the import, then the rescore of what it imported.")
    static final class EstateCommand implements Callable<Integer> {
        @Mixin Common common = new Common();
        @Mixin EstateSize size = new EstateSize();
        @Mixin RescoreOptions rescore = new RescoreOptions();

        @Override
        public Integer call() {
            return runEach(common, List.of(estate(common, size, rescore)));
        }
    }

    @Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Scenarios 1 and 2 on one estate, then scenario 3 (each scanner file in its own database).")
    static final class AllCommand implements Callable<Integer> {
        @Mixin Common common = new Common();
        @Mixin EstateSize size = new EstateSize();
        @Mixin RescoreOptions rescore = new RescoreOptions();
        @Mixin ScanOptions scan = new ScanOptions();

        @Override
        public Integer call() {
            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(estate(common, size, rescore));
            scenarios.addAll(scan.scenarios(common));
            return runEach(common, scenarios);
        }
    }

    @Command(name = "tags", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Scenario 4: tag rules evaluated on all assets, one by one, and all on the touched assets of an import.")
    static final class TagCommand implements Callable<Integer> {
        @Mixin Common common = new Common();
        @Mixin EstateSize size = TagScenario.estateSize();
        @Mixin TagScenario.Options tags = new TagScenario.Options();

        @Override
        public Integer call() {
            return runEach(common, List.of((s, checks) ->
                    checks.tagsConsistent(TagScenario.run(s, size.spec(common), tags, new Printout(System.out)))));
        }
    }

    /** One scenario, run in a throwaway database of its own, its outputs checked. */
    @FunctionalInterface
    interface Scenario {
        void run(Sandbox sandbox, Checks checks);
    }

    /** Runs each scenario in its own sandbox (with the slow plans when asked); the exit code of the checks. */
    private static int runEach(Common common, List<Scenario> scenarios) {
        Checks checks = new Checks(System.out);
        environment(System.out);
        for (Scenario scenario : scenarios) {
            try (Sandbox s = open(common)) {
                scenario.run(s, checks);
                slowPlans(s, common);
            }
        }
        return checks.exitCode();
    }

    private static Scenario estate(Common common, EstateSize size, RescoreOptions rescore) {
        return (s, checks) -> {
            checks.importConsistent(ImportScenario.run(s, size.spec(common), new Printout(System.out)));
            checks.scoresIdentical(RescoreScenario.run(s, rescore.repeat, rescore.plans, new Printout(System.out)));
        };
    }

    /** Consistency of the outputs; a failed check makes the exit code 1. */
    static final class Checks {
        private final PrintStream out;
        private final List<String> failures = new ArrayList<>();

        Checks(PrintStream out) { this.out = out; }

        void importConsistent(ImportScenario.Result r) {
            // Hosts that resolve to one asset (a shared identity) merge their detections, so the import may store fewer.
            check(r.summary().hosts() == r.readHosts() && r.summary().detections() <= r.readDetections()
                            && r.copy().rows() == r.summary().detections(),
                    "import: reader saw %,d hosts and %,d detections, import took %,d hosts and stored %,d detections, "
                            + "COPY loaded %,d", r.readHosts(), r.readDetections(), r.summary().hosts(),
                    r.summary().detections(), r.copy().rows());
        }

        void scoresIdentical(RescoreScenario.Result r) {
            check(r.mismatches() == 0 && r.mismatchesAfterWriting() == 0,
                    "rescore: %,d (then %,d) assets scored differently by the engine and the hand SQL", r.mismatches(),
                    r.mismatchesAfterWriting());
        }

        void scanConsistent(ScanScenario.Result r) {
            check(r.readDetections() == r.fileDetections() && r.summary().detections() == r.fileDetections()
                            && r.copy().rows() == r.fileDetections() && r.shapedCopy().rows() == r.fileDetections(),
                    "%s: file has %,d detections, reader saw %,d, import stored %,d, COPY loaded %,d and %,d", r.kind(),
                    r.fileDetections(), r.readDetections(), r.summary().detections(), r.copy().rows(), r.shapedCopy().rows());
            FileImport later = r.weekLater();
            check(later.summary().detections() == r.fileDetections() && later.summary().assetsCreated() == 0,
                    "%s a week later: file has %,d detections, import took %,d and created %,d assets", r.kind(),
                    r.fileDetections(), later.summary().detections(), later.summary().assetsCreated());
        }

        void tagsConsistent(TagScenario.Result r) {
            for (TagScenario.RuleFigures f : r.rules()) {
                check(f.searchMatches() < 0 || f.searchMatches() == f.members(), "tags: %s has %,d members, a search with its rule finds %,d",
                        f.rule().name(), f.members(), f.searchMatches());
                check(f.changesOnReevaluation() == 0, "tags: re-evaluating %s on the unchanged estate changed its members",
                        f.rule().name());
            }
            check(r.unchanged().moved() == 0, "tags: re-evaluating touched assets of the unchanged estate moved %,d",
                    r.unchanged().moved());
            check(r.plans().size() == r.rules().size(), "tags: %d plans for %d rules", r.plans().size(), r.rules().size());
        }

        private void check(boolean ok, String format, Object... args) {
            if (!ok) {
                String message = String.format(Locale.ROOT, format, args);
                failures.add(message);
                out.println("INCONSISTENT: " + message);
            }
        }

        int exitCode() {
            out.println();
            out.println(failures.isEmpty() ? "consistency checks: all held" : "consistency checks: " + failures.size() + " failed");
            return failures.isEmpty() ? 0 : 1;
        }
    }

    static void environment(PrintStream out) {
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "Java %s, %d CPUs, max heap %s, load average %.2f%n", System.getProperty("java.version"),
                rt.availableProcessors(), Printout.bytes(rt.maxMemory()),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Sandbox open(Common common) {
        Sandbox s = Sandbox.open(common.dir, common.keep);
        describe(s, System.out);
        if (common.explainSlow != null) {
            s.explainSlowStatements(common.explainSlow);
            System.out.println("auto_explain on for statements over " + common.explainSlow
                    + " s: their timings include instrumentation; use this run for plans, not figures");
        }
        return s;
    }

    private static void slowPlans(Sandbox s, Common common) {
        if (common.explainSlow == null) return;
        Printout out = new Printout(System.out);
        out.section("plans of statements over " + common.explainSlow + " s (auto_explain)");
        s.slowPlans().forEach(out::note);
    }

    static void describe(Sandbox s, PrintStream out) {
        String settings = s.database().jdbi().withHandle(h -> h.createQuery("""
                SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync=' || current_setting('fsync')
                       || ', synchronous_commit=' || current_setting('synchronous_commit')
                       || ', shared_buffers=' || current_setting('shared_buffers')
                       || ', work_mem=' || current_setting('work_mem')
                       || ', max_parallel_workers_per_gather=' || current_setting('max_parallel_workers_per_gather')""")
                .mapTo(String.class).one());
        out.println(settings + ", in " + s.dir());
    }
}
