package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.core.report.BadInputException;
import io.regalia.store.asset.AssetDetail;
import io.regalia.store.asset.AssetView;
import io.regalia.store.risk.AssetExplanation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "asset", mixinStandardHelpOptions = true, description = "Show one asset.",
        subcommands = AssetCommand.Show.class)
final class AssetCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Attributes, tags, open detections and the explanation of both scores.")
    static final class Show implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ID") long id;

        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            try (Regalia regalia = store.open()) {
                AssetDetail detail = regalia.assets().show(id)
                        .orElseThrow(() -> new BadInputException(null, "no asset with id " + id));
                AssetExplanation explanation = regalia.risk().explain(id);
                var out = spec.commandLine().getOut();
                if (json) {
                    out.println(Json.write(AssetView.of(detail, explanation)));
                } else {
                    out.printf("%s (id %d)%n  criticalityScore %d, riskScore %d%n", detail.name(), detail.id(),
                            detail.criticalityScore(), detail.riskScore());
                    out.println(explanation.text().indent(2).stripTrailing());
                    out.println("  tags:");
                    detail.tags().forEach(t -> out.printf("    %s%s (%s)%n", t.name(),
                            t.criticalityScore() == null ? "" : " criticality " + t.criticalityScore(), t.source()));
                    out.printf("  open detections: %d%n", detail.detections().size());
                    detail.detections().stream().limit(20).forEach(d -> out.printf("    QDS %3s  %-24s %s%n",
                            d.qds() == null ? "-" : d.qds(), d.vulnerabilityKey(), d.title() == null ? "" : d.title()));
                }
            }
            return RegaliaCommand.OK;
        }
    }
}
