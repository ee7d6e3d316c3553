package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.intel.EpssReader;
import io.regalia.ingest.intel.KevReader;
import io.regalia.ingest.intel.NvdReader;
import io.regalia.store.intel.IntelService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "intel", mixinStandardHelpOptions = true, description = "Threat intelligence: CISA KEV, FIRST EPSS, NVD.",
        subcommands = IntelCommand.Load.class)
final class IntelCommand {

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load feed files; each replaces the previous load of the same feed and rescores what changed.")
    static final class Load implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;

        @Option(names = "--kev", paramLabel = "FILE", description = "known_exploited_vulnerabilities.json or .csv") Path kev;
        @Option(names = "--epss", paramLabel = "FILE", description = "epss_scores-YYYY-MM-DD.csv or .csv.gz") Path epss;
        @Option(names = "--nvd", paramLabel = "FILE|DIR", description = "NVD CVE API 2.0 JSON, or a directory of them") Path nvd;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            if (kev == null && epss == null && nvd == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give at least one of --kev, --epss, --nvd");
            }
            for (Path p : new Path[] {kev, epss, nvd}) {
                if (p != null && !Files.exists(p)) throw new BadInputException(p.toString(), "no such file");
            }
            List<IntelService.LoadResult> results = new ArrayList<>();
            try (Regalia r = store.open()) {
                if (kev != null) results.add(r.intel().loadKev(sink -> KevReader.read(kev, sink)));
                if (epss != null) results.add(r.intel().loadEpss(sink -> EpssReader.read(epss, sink)));
                if (nvd != null) results.add(r.intel().loadNvd(sink -> NvdReader.read(nvd, sink)));
            }
            if (json) {
                spec.commandLine().getOut().println(Json.write(results));
            } else {
                for (IntelService.LoadResult res : results) {
                    spec.commandLine().getOut().printf("%s of %s: %d records, %d CVEs changed, %d vulnerabilities rescored%n",
                            res.feed(), res.read().feedDate(), res.read().records(), res.cvesChanged(), res.vulnerabilitiesRescored());
                }
            }
            return RegaliaCommand.OK;
        }
    }
}
