package io.regalia.store.inventory;

import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a reader on a thread of its own while the calling thread stores what it reads, so parsing the file
 * and writing to the database overlap. Events keep their order; they cross in small chunks through a short
 * queue, so at most a few hundred hosts are in flight and the heap still does not grow with the file.
 */
final class ReadAhead {
    private static final int CHUNK = 32;
    private static final int CHUNKS_IN_FLIGHT = 8;
    private static final List<ReportEvent> END = List.of();

    private final BlockingQueue<List<ReportEvent>> queue = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
    private volatile boolean stopped;
    private Throwable readerFailure;
    private List<ReportEvent> chunk = new ArrayList<>(CHUNK);

    private ReadAhead() {}

    /**
     * Feeds {@code sink}, on this thread, everything {@code read} produces on another. A failure of the
     * reader is rethrown here once the events before it are stored; a failure of the sink stops the reader.
     */
    static void run(Consumer<ReportSink> read, ReportSink sink) {
        new ReadAhead().pump(read, sink);
    }

    private void pump(Consumer<ReportSink> read, ReportSink sink) {
        Thread reader = new Thread(() -> produce(read), "report-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            for (List<ReportEvent> c = take(); c != END; c = take()) {
                for (ReportEvent event : c) sink.accept(event);
            }
        } catch (RuntimeException | Error e) {
            stopped = true;
            reader.interrupt();
            joinQuietly(reader);
            throw e;
        }
        joinQuietly(reader); // the reader has closed its file before the import goes on
        if (readerFailure instanceof RuntimeException r) throw r;
        if (readerFailure instanceof Error e) throw e;
        if (readerFailure != null) throw new IllegalStateException(readerFailure);
    }

    private void produce(Consumer<ReportSink> read) {
        try {
            read.accept(event -> {
                chunk.add(event);
                if (chunk.size() >= CHUNK) {
                    hand(chunk);
                    chunk = new ArrayList<>(CHUNK);
                }
            });
        } catch (Throwable t) {
            if (stopped) return; // the storing side failed and reports its own error
            readerFailure = t;
        }
        try {
            if (!chunk.isEmpty()) hand(chunk);
            hand(END);
        } catch (Stopped ignored) {
            // the storing side is gone
        }
    }

    /** Waits for room in the queue, giving up as soon as the storing side has. */
    private void hand(List<ReportEvent> c) {
        try {
            while (!queue.offer(c, 100, TimeUnit.MILLISECONDS)) {
                if (stopped) throw new Stopped();
            }
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    private List<ReportEvent> take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        }
    }

    private static void joinQuietly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Unwinds the reader once the storing side has given up. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("import stopped", null, false, false);
        }
    }
}
