package io.regalia.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code regalia serve} as a real process on its embedded PostgreSQL, killed with SIGKILL and started again. */
class ServeCrashTest {
    /** Own threads: the common pool has one thread on two cores, and a drain task would hold it forever. */
    private static final java.util.concurrent.ExecutorService OUTPUT = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "serve-output");
        t.setDaemon(true);
        return t;
    });

    @TempDir Path dir;
    Process serve;

    @AfterEach
    void tearDown() throws Exception {
        if (serve != null && serve.isAlive()) {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
        Cli.run("db", "stop", "--data-dir", dir.resolve("data").toString());
    }

    Process start(int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--data-dir", dir.resolve("data").toString(), "--port", String.valueOf(port));
        pb.environment().put("REGALIA_ADMIN_PASSWORD", "correct horse battery");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            // Not closed here: closing waits for the reader's lock, which the drain below holds while it waits for a line.
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.contains("Regalia is serving")) {
                        // keep draining so the child never blocks on a full pipe
                        CompletableFuture.runAsync(() -> r.lines().forEach(l -> { }), OUTPUT);
                        return true;
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return false;
        }, OUTPUT);
        assertThat(ready.get(120, TimeUnit.SECONDS)).as("serve printed its address").isTrue();
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> get(int port, String path, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (password != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldKeepAllDataWhenServeIsKilledAndStartedAgain() throws Exception {
        int port = freePort();
        serve = start(port);
        String fixture = Path.of(ServeCrashTest.class.getResource("/inventory/estate.json").toURI()).toString();
        // The CLI joins the running embedded PostgreSQL instead of starting another.
        Cli imported = Cli.run("import", fixture, "--data-dir", dir.resolve("data").toString());
        assertThat(imported.exit()).as(imported.err()).isZero();

        assertThat(get(port, "/health", null).statusCode()).isEqualTo(200);
        assertThat(get(port, "/", null).statusCode()).isEqualTo(401);
        assertThat(get(port, "/", "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> page = get(port, "/", "correct horse battery");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Organization TruRisk").contains("web-01").contains("Ten riskiest assets");

        serve.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();

        int port2 = freePort();
        serve = start(port2);
        JsonNode assets = new ObjectMapper().readTree(get(port2, "/api/v1/assets", "correct horse battery").body());
        assertThat(assets.get("total").asInt()).isEqualTo(3);
        List<String> names = assets.get("assets").findValuesAsText("name");
        assertThat(names).contains("web-01", "db-prod-db-01", "printer-7");
        Cli settings = Cli.run("assets", "--json", "--data-dir", dir.resolve("data").toString());
        assertThat(settings.exit()).isZero();
    }
}
