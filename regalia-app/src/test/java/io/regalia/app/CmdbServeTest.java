package io.regalia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.ingest.cmdb.FakeServiceNow;
import io.regalia.store.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code regalia serve --cmdb-sync-every} as a real process: the scheduled sync runs and the API shows it. */
class CmdbServeTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    private static final String PASSWORD = "correct horse battery";
    /** Own threads: the common pool has one thread on two cores. */
    private static final ExecutorService OUTPUT = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "serve-output");
        t.setDaemon(true);
        return t;
    });

    @TempDir Path dir;
    Process serve;
    FakeServiceNow now;

    @AfterEach
    void tearDown() throws Exception {
        if (serve != null && serve.isAlive()) {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
        if (now != null) now.close();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldSyncOnScheduleAndShowTheLastSyncInTheApi() throws Exception {
        now = FakeServiceNow.start();
        now.server("s1", "pay-db-01", "pay-db-01.corp.example", "10.0.0.1", "");
        now.application("a1", "Payroll", "1 - most critical", "Jane Doe");
        now.relation("r1", "a1", "s1", false);
        Path token = Files.writeString(dir.resolve("token"), FakeServiceNow.TOKEN);
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--db", db.jdbcUrl(),
                "--port", String.valueOf(port), "--cmdb-sync-every", "6h", "--servicenow", now.url(), "--token-file", token.toString());
        pb.environment().put("REGALIA_ADMIN_PASSWORD", PASSWORD);
        pb.redirectErrorStream(true);
        serve = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        // One thread reads the output to its end: handing the rest to another while closing the reader here
        // could block the close behind the other thread's read until the server printed again.
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        OUTPUT.execute(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (line.contains("Regalia is serving")) ready.complete(true);
                }
            } catch (java.io.IOException e) {
                lines.add("reading output failed: " + e);
            }
            ready.complete(false);
        });
        assertThat(ready.get(120, TimeUnit.SECONDS)).as("serve started: %s", lines).isTrue();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("syncing the CMDB from " + now.url() + " every PT6H"));

        HttpResponse<String> sync = get(port, "/api/v1/cmdb/sync");
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); sync.statusCode() == 404 && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            sync = get(port, "/api/v1/cmdb/sync");
        }

        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(sync.body());
        assertThat(doc.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(doc.get("source").asText()).isEqualTo("ServiceNow " + now.url());
        assertThat(doc.get("report").get("tagsCreated").toString()).contains("Business: Payroll");
        assertThat(doc.get("report").get("unmatched").findValuesAsText("sysId")).containsExactly("s1");
        assertThat(now.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeServiceNow.TOKEN));
        JsonNode assets = new ObjectMapper().readTree(get(port, "/api/v1/assets").body());
        assertThat(assets.get("total").asInt()).as("nothing created without --cmdb-create-missing").isZero();
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(FakeServiceNow.TOKEN));
    }

    @Test
    void shouldRefuseToScheduleASyncWithoutAnInstanceOrAValidPeriod() {
        Cli noInstance = Cli.run("serve", "--db", db.jdbcUrl(), "--cmdb-sync-every", "6h");
        assertThat(noInstance.exit()).isEqualTo(2);
        assertThat(noInstance.err()).contains("--servicenow: give the instance URL");

        Cli badPeriod = Cli.run("serve", "--db", db.jdbcUrl(), "--cmdb-sync-every", "often");
        assertThat(badPeriod.exit()).isEqualTo(2);
        assertThat(badPeriod.err()).contains("'often' is not a duration such as 30s, 15m, 6h or 1d");
    }
}
