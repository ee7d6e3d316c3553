package io.regalia.ingest.openvas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.regalia.core.model.DetectionObservation;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * OpenVAS lists results by severity across all hosts, so a host's detections are scattered through the
 * file. Rather than hold them all in memory, each is written to a temporary file as it is read and
 * only its offset kept (8 bytes a result); a host's detections are read back when the host is emitted.
 */
final class ResultSpool implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final Path path;
    private final DataOutputStream out;
    private long written;

    ResultSpool() {
        try {
            path = Files.createTempFile("regalia-openvas-", ".spool");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for OpenVAS results", e);
        }
    }

    /** Stores a detection; its offset goes into {@code offsets}. */
    void add(DetectionObservation detection, Offsets offsets) {
        try {
            byte[] record = JSON.writeValueAsBytes(detection);
            out.writeInt(record.length);
            out.write(record);
            offsets.add(written);
            written += 4 + record.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the OpenVAS result spool " + path, e);
        }
    }

    /** Reads back the detections at the given offsets, in order. */
    List<DetectionObservation> read(Offsets offsets) {
        try {
            out.flush();
            List<DetectionObservation> detections = new ArrayList<>(offsets.size());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer length = ByteBuffer.allocate(4);
                for (int i = 0; i < offsets.size(); i++) {
                    long offset = offsets.get(i);
                    readFully(channel, length.clear(), offset);
                    ByteBuffer record = ByteBuffer.allocate(length.flip().getInt());
                    readFully(channel, record, offset + 4);
                    detections.add(JSON.readValue(record.array(), DetectionObservation.class));
                }
            }
            return detections;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenVAS result spool " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // being discarded anyway
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
    }

    /** A growable list of offsets, without boxing. */
    static final class Offsets {
        private long[] values = new long[4];
        private int size;

        void add(long value) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        long get(int index) {
            return values[index];
        }

        int size() {
            return size;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) throw new IOException("spool ended early");
            at += n;
        }
    }
}
