package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.cmdb.CmdbCsvReader;
import io.regalia.ingest.cmdb.ServiceNowClient;
import io.regalia.ingest.cmdb.ServiceNowSettings;
import io.regalia.store.cmdb.CriticalityMapping;
import io.regalia.store.cmdb.MappingChange;
import io.regalia.store.cmdb.SyncOptions;
import io.regalia.store.cmdb.SyncReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cmdb", mixinStandardHelpOptions = true,
        description = "Business context from a CMDB: one 'Business: <application>' tag per application, scored by criticality.",
        subcommands = {CmdbCommand.Sync.class, CmdbCommand.Import.class, CmdbCommand.Mapping.class, CmdbCommand.Status.class})
final class CmdbCommand {
    private static final String ACTOR = "cmdb:cli:" + System.getProperty("user.name", "unknown");

    @Command(name = "sync", mixinStandardHelpOptions = true, description = {
            "Sync business applications from ServiceNow into Business tags.",
            "Reads applications, servers and their relations through the Table API, then brings the Business tags, "
                    + "their members, the assets' business.* fields and the scores in line with them. Everything is read "
                    + "first, then applied in one transaction: a sync that fails changes nothing."})
    static final class Sync implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Mixin ServiceNowOptions servicenow = new ServiceNowOptions();
        @Spec CommandSpec spec;
        @Option(names = "--dry-run", description = "Report what would change, change nothing.") boolean dryRun;
        @Option(names = "--create-missing", description = "Create an asset for each related server no asset matches.")
        boolean createMissing;
        @Option(names = "--json", description = "Print the report as JSON.") boolean json;

        @Override
        public Integer call() {
            ServiceNowSettings settings = servicenow.settings(System.getenv());
            ServiceNowClient client = new ServiceNowClient(settings);
            try (Regalia r = store.open()) {
                SyncReport report = r.cmdb().run(ServiceNowOptions.source(settings), client::fetch,
                        new SyncOptions(dryRun, createMissing, ACTOR));
                print(spec, report, json);
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
            "Sync business applications and their hosts from a CSV file.",
            "Applies the file as a sync from ServiceNow would.",
            "Columns (header row, names case-insensitive, any order, others ignored):",
            "  application     the application's name (required)",
            "  criticality     e.g. '1 - most critical' (see 'cmdb mapping show')",
            "  owner           the application's owner",
            "  hostname, fqdn, ip, serial_number   the host (at least one of these columns)",
            "One row per application and host; a row without a host declares an application with no servers.",
            "The file is the whole truth: applications it no longer lists lose their tags.",
            "Example:",
            "  application,criticality,owner,hostname,fqdn,ip",
            "  Payroll,1 - most critical,Jane Doe,pay-db-01,pay-db-01.corp.example,10.0.0.1"})
    static final class Import implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "FILE.csv") Path file;
        @Option(names = "--dry-run", description = "Report what would change, change nothing.") boolean dryRun;
        @Option(names = "--create-missing", description = "Create an asset for each host no asset matches.") boolean createMissing;
        @Option(names = "--json", description = "Print the report as JSON.") boolean json;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) throw new BadInputException(file.toString(), "no such file");
            try (Regalia r = store.open()) {
                SyncReport report = r.cmdb().run("CSV " + file.toAbsolutePath().normalize(), () -> CmdbCsvReader.read(file),
                        new SyncOptions(dryRun, createMissing, ACTOR));
                print(spec, report, json);
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "mapping", mixinStandardHelpOptions = true, description = "The business criticality → ACS mapping.",
            subcommands = {Mapping.Show.class, Mapping.Set.class})
    static final class Mapping {
        @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the mapping in force (or every version).")
        static final class Show implements Callable<Integer> {
            @Mixin StoreOptions store = new StoreOptions();
            @Spec CommandSpec spec;
            @Option(names = "--history", description = "Every version, oldest first.") boolean history;
            @Option(names = "--json") boolean json;

            @Override
            public Integer call() {
                try (Regalia r = store.open()) {
                    List<CriticalityMapping> versions = history ? r.criticalityMappings().history() : List.of(r.criticalityMappings().current());
                    if (json) spec.commandLine().getOut().println(Json.write(history ? versions : versions.get(0)));
                    else versions.forEach(m -> print(spec, m));
                }
                return RegaliaCommand.OK;
            }
        }

        @Command(name = "set", mixinStandardHelpOptions = true, description = {
                "Map a criticality value to an ACS 1-5, or 'none' to stop scoring it.",
                "Stores a new version and moves the Business tags' criticality and their members' ACS and TruRisk at once."})
        static final class Set implements Callable<Integer> {
            @Mixin StoreOptions store = new StoreOptions();
            @Spec CommandSpec spec;
            @Parameters(index = "0", paramLabel = "CRITICALITY", description = "e.g. '1 - most critical'") String value;
            @Parameters(index = "1", paramLabel = "ACS|none") String acs;
            @Option(names = "--json") boolean json;

            @Override
            public Integer call() {
                Integer score = null;
                if (!acs.equalsIgnoreCase("none")) {
                    try {
                        score = Integer.parseInt(acs.strip());
                    } catch (NumberFormatException e) {
                        throw new BadInputException("ACS", "expected 1-5 or none, got '" + acs + "'");
                    }
                }
                try (Regalia r = store.open()) {
                    MappingChange change = r.criticalityMappings().set(value, score, ACTOR);
                    var out = spec.commandLine().getOut();
                    if (json) {
                        out.println(Json.write(change));
                    } else {
                        if (!change.changed()) out.println("unchanged: the mapping already says so");
                        print(spec, change.mapping());
                        change.criticalityChanges().forEach(c -> out.printf("criticality %s: %s -> %s%n", c.tag(), score(c.before()), score(c.after())));
                        change.acsChanges().forEach(c -> out.printf("ACS %s (#%d): %d -> %d, TruRisk %d -> %d%n", c.name(), c.assetId(),
                                c.acsBefore(), c.acsAfter(), c.riskBefore(), c.riskAfter()));
                    }
                }
                return RegaliaCommand.OK;
            }
        }

        static void print(CommandSpec spec, CriticalityMapping m) {
            var out = spec.commandLine().getOut();
            out.printf("mapping version %d (%s, %s)%n", m.version(), m.actor(), m.created());
            m.entries().forEach((k, v) -> out.printf("  %-24s ACS %d%n", k, v));
            out.println("  (any other value)        no score");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The last recorded sync: when, from where, how it ended.")
    static final class Status implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                var run = r.cmdb().lastRun();
                var out = spec.commandLine().getOut();
                if (json) out.println(Json.write(run.orElse(null)));
                else if (run.isEmpty()) out.println("no CMDB sync has run yet");
                else {
                    out.printf("%s %s at %s (started %s)%n", run.get().source(), run.get().outcome(), run.get().finishedAt(),
                            run.get().startedAt());
                    if (run.get().error() != null) out.println("error: " + run.get().error());
                    if (run.get().report() != null) print(spec, run.get().report(), false);
                }
            }
            return RegaliaCommand.OK;
        }
    }

    static void print(CommandSpec spec, SyncReport r, boolean json) {
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
            return;
        }
        if (r.dryRun()) out.println("dry run: nothing was changed");
        out.printf("%s: %d applications, %d configuration items, %d relations (mapping version %d)%n", r.source(),
                r.applications(), r.configurationItems(), r.relations(), r.mappingVersion());
        out.printf("matched: %d by fqdn, %d by name, %d by ip, %d by serial%n", r.matchedBy().get("fqdn"), r.matchedBy().get("name"),
                r.matchedBy().get("ip"), r.matchedBy().get("serial"));
        if (!r.tagsCreated().isEmpty()) out.println("tags created: " + String.join(", ", r.tagsCreated()));
        r.tagsRenamed().forEach(t -> out.printf("tag renamed: %s -> %s%n", t.before(), t.after()));
        if (!r.tagsDeleted().isEmpty()) out.println("tags deleted: " + String.join(", ", r.tagsDeleted()));
        r.criticalityChanges().forEach(c -> out.printf("criticality %s: %s -> %s%n", c.tag(), score(c.before()), score(c.after())));
        for (SyncReport.Membership m : r.memberships()) {
            StringBuilder sb = new StringBuilder(m.tag()).append(':');
            m.added().forEach(a -> sb.append(" +").append(a.name()).append(" (#").append(a.id()).append(')'));
            m.removed().forEach(a -> sb.append(" -").append(a.name()).append(" (#").append(a.id()).append(')'));
            out.println(sb);
        }
        r.acsChanges().forEach(c -> out.printf("ACS %s (#%d): %d -> %d, TruRisk %d -> %d%n", c.name(), c.assetId(),
                c.acsBefore(), c.acsAfter(), c.riskBefore(), c.riskAfter()));
        r.assetsCreated().forEach(a -> out.printf("asset created: %s (#%d)%n", a.name(), a.id()));
        r.unmatched().forEach(u -> out.printf("unmatched: %s %s%s%s, related to %s%n", u.sysId(), u.name() == null ? "" : u.name(),
                u.fqdn() == null ? "" : " " + u.fqdn(), u.ipAddress() == null ? "" : " " + u.ipAddress(), String.join(", ", u.applications())));
        r.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        if (!r.hasChanges()) out.println("no changes");
    }

    private static String score(Integer s) {
        return s == null ? "no score" : s.toString();
    }
}
