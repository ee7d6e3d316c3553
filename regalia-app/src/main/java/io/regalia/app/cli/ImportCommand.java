package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.app.ReportImports;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.os.OsCatalog;
import io.regalia.store.inventory.ImportSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
        description = {"Import scanner reports or inventory JSON, one transaction per file.",
                "Files are imported in the order given (a directory's files in name order). A file that fails "
                        + "is not imported at all and stops the command with exit code 2; the files before it stay "
                        + "imported. Importing a file again changes nothing, so the whole list can simply be run again."})
final class ImportCommand implements Callable<Integer> {
    @Mixin StoreOptions store = new StoreOptions();
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Report files, or directories of them.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "F", description = "Read as this format instead of detecting it: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ReportImports.FormatNames.class)
    String format;

    @Option(names = "--json", description = "Print the summary as JSON (an array when more than one file is given).")
    boolean json;

    @Option(names = "--skip-invalid", description = "Inventory JSON: skip and report invalid assets instead of failing.")
    boolean skipInvalid;

    @Option(names = "--os-catalog", paramLabel = "FILE",
            description = "CSV of OS releases (match,name,version,publisher,category1,category2,ga,eos,eol) that "
                    + "extends and overrides the built-in catalog used to classify OS strings.")
    Path osCatalog;

    @Override
    public Integer call() {
        OsCatalog catalog = osCatalog == null ? OsCatalog.builtIn() : OsCatalog.withUserFile(osCatalog);
        List<Path> all = ReportImports.expand(files);
        // A mistyped name fails before anything is imported.
        for (Path file : all) {
            if (!Files.isRegularFile(file)) throw new BadInputException(file.toString(), "no such file");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ImportSummary> summaries = new ArrayList<>();
        try (Regalia regalia = store.open()) {
            ReportImports imports = new ReportImports(regalia, catalog, err, stderrIsTerminal());
            for (Path file : all) {
                ImportSummary s = imports.importFile(file, format, skipInvalid);
                summaries.add(s);
                if (!json) {
                    out.printf("%s (%s): %d hosts, %d assets created, %d updated, %d detections %s, "
                                    + "status %s, %d vulnerabilities created, %.2f s%n", s.file(), s.format(), s.hosts(),
                            s.assetsCreated(), s.assetsUpdated(), s.detections(), s.byType(), s.byStatus(),
                            s.vulnerabilitiesCreated(), s.seconds());
                    s.warnings().forEach(w -> err.println("warning: " + s.file() + ": " + w));
                }
            }
        } finally {
            // On a failure the files already imported are still reported, so a script knows what went in.
            if (json && !summaries.isEmpty()) out.println(Json.write(all.size() == 1 ? summaries.get(0) : summaries));
        }
        return RegaliaCommand.OK;
    }

    /**
     * Progress is for people: drawn only when standard error is a terminal. Java 17 cannot ask that of
     * stderr directly; on Linux its file descriptor tells, elsewhere an interactive console stands in.
     */
    private static boolean stderrIsTerminal() {
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(stderr)) {
            try {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
