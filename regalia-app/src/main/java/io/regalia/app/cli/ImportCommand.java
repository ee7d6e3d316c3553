package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.app.ReportImports;
import io.regalia.store.inventory.ImportSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import scanner reports or inventory JSON, one transaction per file.")
final class ImportCommand implements Callable<Integer> {
    @Mixin StoreOptions store = new StoreOptions();
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Report files, or directories of them.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "F", description = "Read as this format instead of detecting it: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ReportImports.FormatNames.class)
    String format;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--skip-invalid", description = "Inventory JSON: skip and report invalid assets instead of failing.")
    boolean skipInvalid;

    @Override
    public Integer call() {
        List<Path> all = ReportImports.expand(files);
        List<ImportSummary> summaries = new ArrayList<>();
        try (Regalia regalia = store.open()) {
            ReportImports imports = new ReportImports(regalia, spec.commandLine().getErr(), System.console() != null);
            for (Path file : all) {
                ImportSummary s = imports.importFile(file, format, skipInvalid);
                summaries.add(s);
                if (!json) {
                    spec.commandLine().getOut().printf("%s (%s): %d hosts, %d assets created, %d updated, %d detections %s, "
                                    + "status %s, %d vulnerabilities created, %.2f s%n", s.file(), s.format(), s.hosts(),
                            s.assetsCreated(), s.assetsUpdated(), s.detections(), s.byType(), s.byStatus(),
                            s.vulnerabilitiesCreated(), s.seconds());
                    s.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + s.file() + ": " + w));
                }
            }
        }
        if (json) spec.commandLine().getOut().println(Json.write(summaries.size() == 1 ? summaries.get(0) : summaries));
        return RegaliaCommand.OK;
    }
}
