package io.regalia.store.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedDatabaseTest {
    @TempDir
    Path dataDir;

    private Process child;

    @AfterEach
    void stopEverything() {
        if (child != null) {
            child.destroyForcibly();
        }
        // a failed test must not leave a server behind, nor have its data directory deleted under it
        EmbeddedDatabase.stop(dataDir);
    }

    @Test
    void shouldRunDurablyOnLocalhostAndStopWhenTheOwnerCloses() throws Exception {
        try (Database database = Database.open(EmbeddedDatabase.open(dataDir))) {
            assertThat(single(database, "SHOW fsync")).isEqualTo("on");
            assertThat(single(database, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(single(database, "SHOW listen_addresses")).isEqualTo("localhost");
            assertThat(single(database, "SELECT current_database()")).isEqualTo("regalia");
            assertThat(single(database, "SELECT string_agg(w, ' ' ORDER BY w) FROM unnest('{b,B,a,É}'::text[]) w"))
                    .isEqualTo("B a b É");
            assertThat(single(database, "SELECT upper('é')")).isEqualTo("É");
            assertThat(runningPid()).isPositive();
        }

        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
        assertThat(EmbeddedDatabase.stop(dataDir)).isFalse();
    }

    @Test
    void shouldShareTheRunningServerWithASecondOpen() throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.open(dataDir)) {
            assertThat(first.owner()).isTrue();
            long pid = runningPid();

            try (EmbeddedDatabase second = EmbeddedDatabase.open(dataDir)) {
                assertThat(second.owner()).isFalse();
                assertThat(second.port()).isEqualTo(first.port());
                assertThat(second.jdbcUrl()).isEqualTo(first.jdbcUrl());
            }

            assertThat(runningPid()).isEqualTo(pid);
            assertThat(query(first.jdbcUrl(), "SELECT 1")).isEqualTo("1");
        }
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
    }

    @Test
    void shouldLeaveTheServerRunningWhileAnotherProcessIsConnected() throws Exception {
        EmbeddedDatabase owner = EmbeddedDatabase.open(dataDir);
        long pid = runningPid();
        Properties otherProcess = new Properties();
        otherProcess.setProperty("user", owner.user());
        otherProcess.setProperty("ApplicationName", "regalia-other-process");
        try (Connection other = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + owner.port() + "/regalia", otherProcess)) {
            owner.close();

            assertThat(runningPid()).isEqualTo(pid);
            try (Statement s = other.createStatement(); ResultSet r = s.executeQuery("SELECT 42")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(42);
            }
        }

        assertThat(EmbeddedDatabase.stop(dataDir)).isTrue();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(EmbeddedDatabase.stop(dataDir)).isFalse();
    }

    @Test
    void shouldStartOnlyOneServerWhenOpenedConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<EmbeddedDatabase> open = () -> EmbeddedDatabase.open(dataDir);
            List<Future<EmbeddedDatabase>> opened = pool.invokeAll(List.of(open, open));
            EmbeddedDatabase a = opened.get(0).get();
            EmbeddedDatabase b = opened.get(1).get();

            assertThat(List.of(a.owner(), b.owner())).containsExactlyInAnyOrder(true, false);
            assertThat(a.port()).isEqualTo(b.port());
            // the one that merely connected first, then the owner, which then stops the server
            (a.owner() ? b : a).close();
            (a.owner() ? a : b).close();
        } finally {
            pool.shutdownNow();
        }
        // a loaded machine may take a moment to remove the pid file after the server has stopped
        for (int i = 0; i < 300 && java.nio.file.Files.exists(dataDir.resolve("pg/postmaster.pid")); i++) Thread.sleep(100);
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
    }

    @Test
    void shouldRecoverCommittedDataWhenThePostmasterWasKilled() throws Exception {
        EmbeddedDatabase crashed = EmbeddedDatabase.open(dataDir);
        execute(crashed.jdbcUrl(), "CREATE TABLE survivor (note text)",
                "INSERT INTO survivor VALUES ('committed before the crash')");
        long pid = runningPid();
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.destroyForcibly();
        awaitDeath(pid);

        try (EmbeddedDatabase recovered = EmbeddedDatabase.open(dataDir)) {
            assertThat(recovered.owner()).isTrue();
            assertThat(runningPid()).isNotEqualTo(pid);
            assertThat(query(recovered.jdbcUrl(), "SELECT note FROM survivor")).isEqualTo("committed before the crash");
            crashed.close(); // its server is gone: must not touch the new one
            assertThat(query(recovered.jdbcUrl(), "SELECT count(*) FROM survivor")).isEqualTo("1");
        }
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
    }

    @Test
    void shouldShareTheServerWithOtherProcessesAndOutliveAKilledStarter() throws Exception {
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StarterProcess.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        awaitReady(child);
        long pid = runningPid();

        try (EmbeddedDatabase whileStarterRuns = EmbeddedDatabase.open(dataDir)) {
            assertThat(whileStarterRuns.owner()).isFalse();
            assertThat(query(whileStarterRuns.jdbcUrl(), "SELECT note FROM written_by_child"))
                    .isEqualTo("committed before the kill");
        }
        child.destroyForcibly().waitFor();

        try (EmbeddedDatabase afterKill = EmbeddedDatabase.open(dataDir)) {
            assertThat(afterKill.owner()).isFalse();
            assertThat(runningPid()).isEqualTo(pid);
            assertThat(query(afterKill.jdbcUrl(), "SELECT count(*) FROM written_by_child")).isEqualTo("1");
        }
        assertThat(runningPid()).isEqualTo(pid); // a mere user leaves it running
        assertThat(EmbeddedDatabase.stop(dataDir)).isTrue();
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();

        try (EmbeddedDatabase newOwner = EmbeddedDatabase.open(dataDir)) {
            assertThat(newOwner.owner()).isTrue();
            assertThat(query(newOwner.jdbcUrl(), "SELECT count(*) FROM written_by_child")).isEqualTo("1");
        }
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
    }

    private static String single(Database database, String sql) {
        return database.jdbi().withHandle(h -> h.select(sql).mapTo(String.class).one());
    }

    private long runningPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(0).trim());
    }

    private static void awaitDeath(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void awaitReady(Process process) throws IOException {
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY")) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the starter process ended before READY:\n" + seen);
    }

    private static String query(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }

    private static void execute(String jdbcUrl, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
