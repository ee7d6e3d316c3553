package io.regalia.app;

import io.regalia.core.report.BadInputException;
import io.regalia.ingest.format.Formats;
import io.regalia.ingest.report.ReportReader;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.inventory.ImportSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Imports report files: picks the reader, hashes the file, and hands both to the store's import. */
public final class ReportImports {
    private final Regalia regalia;
    private final PrintWriter progress;
    private final boolean terminal;

    public ReportImports(Regalia regalia, PrintWriter progress, boolean terminal) {
        this.regalia = regalia;
        this.progress = progress;
        this.terminal = terminal;
    }

    public ImportSummary importFile(Path file, String format, boolean skipInvalid) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file.toString(), "no such file");
        ReportReader detected = Formats.detect(file, format);
        ReportReader reader = skipInvalid && detected.format().equals("inventory") ? Formats.inventory(true) : detected;
        if (terminal) progress.print("importing " + file.getFileName() + " (" + reader.format() + ") …\r");
        ImportSummary summary;
        try {
            summary = regalia.imports().run(new ImportRequest(file.toString(), sha256(file), reader.format()),
                    sink -> reader.read(file, sink));
        } catch (BadInputException e) {
            // Every error names the file, whether or not the reader did.
            if (e.getMessage().contains(file.toString()) || e.getMessage().contains(file.getFileName().toString())) throw e;
            throw new BadInputException(file + (e.where() == null ? "" : ": " + e.where()), e.reason());
        }
        if (terminal) progress.print("\033[2K");
        progress.flush();
        return summary;
    }

    /** Files as given; directories are replaced by the regular files in them, in name order. */
    public static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new BadInputException(p.toString(), "cannot list directory: " + e.getMessage());
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Format names for completion and help. */
    public static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return Formats.NAMES.iterator(); }
    }
}
