package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.core.qql.Qql;
import io.regalia.core.qql.Query;
import io.regalia.store.asset.AssetSummary;
import io.regalia.store.qql.QqlSql;
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

    @Option(names = "--qql", paramLabel = "QUERY", description = "Only the assets this QQL query matches.")
    String qql;

    @Override
    public Integer call() {
        if (limit < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        Query query = qql == null ? null : Qql.parse(qql); // a bad query fails before the database is opened
        try (Regalia regalia = store.open()) {
            List<AssetSummary> list = query == null ? regalia.assets().list(null, limit, 0)
                    : regalia.assets().search(QqlSql.compile(query, regalia.clock()), limit);
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
