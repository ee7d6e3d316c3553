package io.regalia.store.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The lock file PostgreSQL keeps in its data directory while it runs: line 1 is the postmaster's pid,
 * line 4 its port, line 7 the key and id of the System V shared memory segment its processes attach to.
 */
record PostmasterPid(long pid, int port, long shmemKey, long shmemId) {
    static final String FILE = "postmaster.pid";

    static Optional<PostmasterPid> read(Path pgDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(pgDir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DatabaseException("cannot read " + pgDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        // A file being written by a starting server, or cut short by a crash, has missing lines: -1 marks them.
        long pid = number(lines, 0);
        long port = number(lines, 3);
        long key = -1;
        long id = -1;
        if (lines.size() > 6) {
            String[] shmem = lines.get(6).trim().split("\\s+");
            if (shmem.length == 2) {
                key = parse(shmem[0]);
                id = parse(shmem[1]);
            }
        }
        return Optional.of(new PostmasterPid(pid, (int) port, key, id));
    }

    /** The postmaster is running: its process exists (zombies do not count) and is a postgres binary. */
    boolean alive() {
        if (pid <= 0) {
            return false;
        }
        // After a reboot the pid may belong to an unrelated process.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(h -> h.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                        .orElse(true))
                .orElse(false);
    }

    /**
     * Some process is still attached to the dead postmaster's shared memory: an orphaned backend that has
     * not yet noticed its parent died. Starting a new server then would let two sets of processes write
     * the same files; PostgreSQL performs the same check when it finds a stale lock file.
     */
    boolean sharedMemoryInUse() {
        if (shmemId < 0) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/sysvipc/shm"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 6 && parse(f[0]) == shmemKey && parse(f[1]) == shmemId) {
                    return parse(f[6]) > 0;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static long number(List<String> lines, int index) {
        return lines.size() > index ? parse(lines.get(index).trim()) : -1;
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
