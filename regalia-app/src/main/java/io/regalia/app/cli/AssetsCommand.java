package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.store.asset.AssetSummary;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "assets", mixinStandardHelpOptions = true, description = "List assets, riskiest first.")
final class AssetsCommand implements Callable<Integer> {
    @Mixin StoreOptions store = new StoreOptions();
    @Spec CommandSpec spec;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        try (Regalia regalia = store.open()) {
            List<AssetSummary> list = regalia.assets().list(null, limit, 0);
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(list));
            } else {
                out.printf("%8s  %-32s  %-16s  %3s  %5s%n", "ID", "NAME", "TYPE", "ACS", "RISK");
                for (AssetSummary a : list) {
                    out.printf("%8d  %-32s  %-16s  %3d  %5d%n", a.id(), a.name(), a.type(), a.criticalityScore(), a.riskScore());
                }
            }
        }
        return RegaliaCommand.OK;
    }
}
