package io.regalia.app.cli;

import io.regalia.core.qql.Qql;
import io.regalia.core.qql.QqlException;
import io.regalia.core.report.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "qql", mixinStandardHelpOptions = true, description = "The asset query language (QQL).",
        subcommands = QqlCommand.Check.class)
final class QqlCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Parse and type-check queries without running them: prints ok or the error for each; exit 2 if any is wrong.")
    static final class Check implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query to check.")
        String query;

        @Option(names = "--file", paramLabel = "FILE",
                description = "Check every query of a file, one a line; blank lines and lines starting with # are skipped.")
        Path file;

        @Option(names = "--json", description = "Print JSON: [{query, ok, error, column}].")
        boolean json;

        /** One query to check; {@code line} is its line in the file, or 0 for a query given as an argument. */
        private record Entry(int line, String query) {}

        @Override
        public Integer call() {
            if ((query == null) == (file == null)) {
                throw new ParameterException(spec.commandLine(), "give either a QUERY or --file FILE");
            }
            List<Entry> entries = file == null ? List.of(new Entry(0, query)) : read(file);
            var out = spec.commandLine().getOut();
            List<Map<String, Object>> results = new ArrayList<>();
            boolean failed = false;
            for (Entry entry : entries) {
                QqlException error = null;
                try {
                    Qql.parse(entry.query());
                } catch (QqlException e) {
                    error = e;
                    failed = true;
                }
                if (json) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    if (entry.line() > 0) result.put("line", entry.line());
                    result.put("query", entry.query());
                    result.put("ok", error == null);
                    result.put("error", error == null ? null : error.getMessage());
                    result.put("column", error == null ? null : error.column());
                    results.add(result);
                } else {
                    String where = entry.line() > 0 ? file + ":" + entry.line() + ": " : "";
                    out.println(where + (error == null ? "ok" : error.pretty()));
                }
            }
            if (json) out.println(Json.write(results));
            return failed ? RegaliaCommand.USER_ERROR : RegaliaCommand.OK;
        }

        private static List<Entry> read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException(file.toString(), "cannot read the file: " + e.getMessage());
            }
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.strip().startsWith("#")) continue;
                entries.add(new Entry(i + 1, line));
            }
            return entries;
        }
    }
}
