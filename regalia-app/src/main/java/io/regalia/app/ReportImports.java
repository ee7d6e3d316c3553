package io.regalia.app;

import io.regalia.core.model.HostObservation;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.format.Formats;
import io.regalia.ingest.os.OsCatalog;
import io.regalia.ingest.report.ReportReader;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.inventory.ImportSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Imports report files, each in its own transaction: picks the reader, hashes the file, classifies the
 * operating systems the report names, and hands the stream to the store's import.
 */
public final class ReportImports {
    /** Progress is redrawn at most this often (nanoseconds), so a fast import does not flood the terminal. */
    private static final long PROGRESS_INTERVAL = 250_000_000L;

    private final Regalia regalia;
    private final OsCatalog osCatalog;
    private final PrintWriter progress;
    private final boolean terminal;

    /**
     * @param osCatalog classifies OS strings (family, role, lifecycle), e.g. {@link OsCatalog#builtIn()}
     * @param progress  where a progress line goes, only when {@code terminal} (it is redrawn with carriage returns)
     */
    public ReportImports(Regalia regalia, OsCatalog osCatalog, PrintWriter progress, boolean terminal) {
        this.regalia = regalia;
        this.osCatalog = osCatalog;
        this.progress = progress;
        this.terminal = terminal;
    }

    /**
     * Imports one file in one transaction: all of it, or nothing when it is bad input.
     *
     * @param format the {@code --format} name, or null to detect it from the content
     * @throws BadInputException naming the file (and the line or JSON path where the reader knows it)
     */
    public ImportSummary importFile(Path file, String format, boolean skipInvalid) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file.toString(), "no such file");
        ReportReader detected = Formats.detect(file, format);
        ReportReader reader = skipInvalid && detected.format().equals("inventory") ? Formats.inventory(true) : detected;
        String label = file.getFileName() + " (" + reader.format() + ")";
        LocalDate today = LocalDate.now(regalia.clock());
        ImportSummary summary;
        try {
            summary = regalia.imports().run(new ImportRequest(file.toString(), sha256(file), reader.format()),
                    sink -> reader.read(file, new Classifying(sink, osCatalog, today, new Progress(label))));
        } catch (BadInputException e) {
            // Every error names the file, whether or not the reader did.
            if (e.getMessage().contains(file.toString()) || e.getMessage().contains(file.getFileName().toString())) throw e;
            throw new BadInputException(file + (e.where() == null ? "" : ": " + e.where()), e.reason());
        } finally {
            if (terminal) {
                progress.print("\r\033[2K");
                progress.flush();
            }
        }
        return summary;
    }

    /**
     * Readers report the OS as the scanner wrote it; the catalog adds family, role and lifecycle. An OS
     * that already states a category or a lifecycle (inventory JSON) is left as stated.
     */
    private record Classifying(ReportSink next, OsCatalog catalog, LocalDate today, Progress progress)
            implements ReportSink {
        @Override
        public void accept(ReportEvent event) {
            if (event instanceof ReportEvent.Host h) {
                progress.host();
                OperatingSystem os = h.host().os();
                if (os != null && os.name() != null && os.category1() == null && os.category2() == null
                        && os.lifecycle() == null) {
                    next.accept(new ReportEvent.Host(withOs(h.host(), classify(os))));
                    return;
                }
            }
            next.accept(event);
        }

        private OperatingSystem classify(OperatingSystem stated) {
            OperatingSystem known = catalog.classify(stated.name(), today);
            if (known == null) return stated;
            return new OperatingSystem(known.name(), stated.version() != null ? stated.version() : known.version(),
                    stated.publisher() != null ? stated.publisher() : known.publisher(), known.category1(),
                    known.category2(), known.lifecycle());
        }

        private static HostObservation withOs(HostObservation h, OperatingSystem os) {
            return new HostObservation(h.externalId(), h.name(), h.hostname(), h.fqdn(), h.netbiosName(), h.type(),
                    h.agentId(), h.interfaces(), os, h.hardware(), h.cloud(), h.software(), h.openPorts(), h.lastSeen(),
                    h.lastBoot(), h.tags(), h.externallyExposed(), h.detections());
        }
    }

    /** One line on the terminal, redrawn in place: the file and the hosts read so far. */
    private final class Progress {
        private final String label;
        private long hosts;
        private long drawnAt;

        Progress(String label) {
            this.label = label;
            draw();
        }

        void host() {
            hosts++;
            if (terminal && System.nanoTime() - drawnAt > PROGRESS_INTERVAL) draw();
        }

        private void draw() {
            if (!terminal) return;
            drawnAt = System.nanoTime();
            progress.print("\rimporting " + label + ": " + hosts + (hosts == 1 ? " host" : " hosts") + " read");
            progress.flush();
        }
    }

    /**
     * Files as given; directories are replaced by the regular files in them (not recursively), in name
     * order, hidden files left out.
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(out::add);
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
            throw new BadInputException(file.toString(), "cannot read the file (" + e.getMessage() + ")");
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
