package io.regalia.app.cli;

import io.regalia.core.risk.Acs;
import io.regalia.core.risk.BandAggregate;
import io.regalia.core.risk.Exposure;
import io.regalia.core.risk.FeedDates;
import io.regalia.core.risk.QdsBand;
import io.regalia.core.risk.ScoringModel;
import io.regalia.core.risk.TruRisk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "risk", mixinStandardHelpOptions = true, description = "The risk formulas.",
        subcommands = {RiskCommand.Calculate.class, RiskCommand.Summary.class})
final class RiskCommand {

    @Command(name = "calculate", mixinStandardHelpOptions = true,
            description = "TruRisk of a hypothetical asset, as a calculator (no database).")
    static final class Calculate implements Callable<Integer> {
        private static final Pattern BAND = Pattern.compile("(critical|high|medium|low)=(\\d+)@(\\d+(?:\\.\\d+)?)");

        @Spec CommandSpec spec;
        @Option(names = "--acs", required = true, description = "Asset criticality 1-5.") int acs;
        @Option(names = "--external", description = "The asset is internet-facing (E = 1.2).") boolean external;
        @Option(names = "--formula", defaultValue = "v1", description = "v1 (default) or v2.") String formula;
        @Option(names = "--band", required = true, paramLabel = "BAND=COUNT@AVG",
                description = "Open detections of a QDS band: critical|high|medium|low=COUNT@AVERAGE_QDS.") List<String> bands;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            if (acs < 1 || acs > 5) throw new CommandLine.ParameterException(spec.commandLine(), "--acs must be 1-5, got " + acs);
            ScoringModel.Formula f = switch (formula.toLowerCase(Locale.ROOT)) {
                case "v1" -> ScoringModel.Formula.V1;
                case "v2" -> ScoringModel.Formula.V2;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--formula must be v1 or v2, got " + formula);
            };
            List<BandAggregate> aggregates = new ArrayList<>();
            for (String b : bands) {
                Matcher m = BAND.matcher(b.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--band " + b + ": expected critical|high|medium|low=COUNT@AVERAGE, e.g. critical=3@95");
                }
                QdsBand band = QdsBand.valueOf(m.group(1).toUpperCase(Locale.ROOT));
                long count = Long.parseLong(m.group(2));
                double avg = Double.parseDouble(m.group(3));
                if (count > 0 && (avg < band.min() || avg > band.max())) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--band " + b + ": the average of the "
                            + m.group(1) + " band must be " + band.min() + "-" + band.max());
                }
                long sum = Math.round(avg * count);
                int max = count == 0 ? 0 : (int) Math.min(band.max(), Math.ceil(avg));
                aggregates.add(new BandAggregate(band, count, sum, max));
            }
            ScoringModel model = ScoringModel.defaults().withFormula(f);
            Acs a = new Acs(acs, List.of("--acs"));
            Exposure e = external ? Exposure.internetFacing("--external") : Exposure.internal();
            TruRisk risk = TruRisk.of(a, e, aggregates, FeedDates.NONE, model);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("riskScore", risk.score());
                doc.put("explanation", risk.explanation());
                spec.commandLine().getOut().println(Json.write(doc));
            } else {
                spec.commandLine().getOut().println(risk.score());
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "TruRisk of the organization or of one tag's assets, and the prioritization report.")
    static final class Summary implements Callable<Integer> {
        @picocli.CommandLine.Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Option(names = "--tag", paramLabel = "NAME", description = "Only the assets of this tag.") String tag;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            try (io.regalia.app.Regalia r = store.open()) {
                Long tagId = tag == null ? null : r.tags().get(tag).id();
                var rollup = tagId == null ? r.rollups().organization() : r.rollups().tag(tagId);
                var prioritization = r.rollups().prioritization(tagId);
                var out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("scope", tag == null ? "organization" : tag);
                    doc.put("riskScore", rollup.meanRisk());
                    doc.put("rollup", rollup);
                    doc.put("prioritization", prioritization);
                    out.println(Json.write(doc));
                } else {
                    out.printf("%s: TruRisk %d (mean of %d assets, max %d); assets severe %d, high %d, medium %d, low %d%n",
                            tag == null ? "organization" : tag, rollup.meanRisk(), rollup.assets(), rollup.maxRisk(),
                            rollup.severe(), rollup.high(), rollup.medium(), rollup.low());
                    out.printf("open detections by QDS band: critical %d, high %d, medium %d, low %d%n", rollup.qdsCritical(),
                            rollup.qdsHigh(), rollup.qdsMedium(), rollup.qdsLow());
                    var c = prioritization.critical();
                    var h = prioritization.high();
                    out.printf("CVSS >= 9.0: %d, QDS >= 90: %d%s%n", c.byCvss(), c.byQds(), reduction(c.reduction()));
                    out.printf("CVSS >= 7.0: %d, QDS >= 70: %d%s%n", h.byCvss(), h.byQds(), reduction(h.reduction()));
                }
            }
            return RegaliaCommand.OK;
        }

        private static String reduction(Double r) {
            if (r == null) return "";
            return r >= 0 ? String.format(Locale.ROOT, " (%.0f%% fewer to act on)", r * 100)
                    : String.format(Locale.ROOT, " (%.0f%% more: threat evidence raises findings CVSS rates lower)", -r * 100);
        }
    }
}
