package io.regalia.store.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes check-and-start, stop and the owner's shutdown decision on one data directory across
 * processes ({@code <dataDir>/regalia.lock}). File locks belong to the whole JVM and overlapping ones
 * throw, so threads of one JVM queue on an in-process lock first.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "regalia.lock";
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) {
        IN_PROCESS.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new DataDirLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            IN_PROCESS.unlock();
            throw new DatabaseException("cannot lock " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        } finally {
            closeQuietly(channel);
            IN_PROCESS.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
