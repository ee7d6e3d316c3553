package io.regalia.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.core.cmdb.BusinessApplication;
import io.regalia.core.cmdb.CmdbSnapshot;
import io.regalia.core.report.BadInputException;
import io.regalia.store.asset.AssetQueries;
import io.regalia.store.cmdb.CmdbSync;
import io.regalia.store.cmdb.SyncOptions;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.risk.RiskRollups;
import io.regalia.store.testing.TestDatabase;
import io.regalia.store.user.Role;
import io.regalia.store.user.UserStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CmdbRoutesTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    CmdbSync cmdb;
    RegaliaServer server;

    @BeforeEach
    void setUp() {
        RiskEngine risk = new RiskEngine(db.jdbi(), Clock.systemUTC());
        cmdb = new CmdbSync(db.jdbi(), risk, Clock.systemUTC());
        UserStore users = new UserStore(db.jdbi());
        users.put("viewer", "correct horse".toCharArray(), Role.VIEWER);
        server = new RegaliaServer(new RegaliaServer.Services(new AssetQueries(db.jdbi()), risk, new RiskRollups(db.jdbi()), users, cmdb))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    HttpResponse<String> get(String path, boolean signedIn) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (signedIn) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("viewer:correct horse".getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldShowTheLastSyncWithItsTimeOutcomeAndReport() throws Exception {
        assertThat(get("/api/v1/cmdb/sync", true).statusCode()).isEqualTo(404);
        CmdbSnapshot snapshot = new CmdbSnapshot("ServiceNow", List.of(new BusinessApplication("a1", "Payroll", "1 - most critical", null)),
                List.of(), List.of());
        cmdb.run("ServiceNow https://acme.service-now.com", () -> snapshot, new SyncOptions(false, false, "test"));

        HttpResponse<String> ok = get("/api/v1/cmdb/sync", true);

        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(ok.body());
        assertThat(doc.get("source").asText()).isEqualTo("ServiceNow https://acme.service-now.com");
        assertThat(doc.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(doc.get("finishedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(doc.get("report").get("tagsCreated")).extracting(JsonNode::asText)
                .containsExactly("Business Applications", "Business: Payroll");

        try {
            cmdb.run("ServiceNow https://acme.service-now.com", () -> {
                throw new BadInputException("ServiceNow cmdb_ci_server (offset 0)", "HTTP 503, still after 5 attempts");
            }, new SyncOptions(false, false, "test"));
        } catch (BadInputException expected) {
            // recorded
        }
        JsonNode failed = new ObjectMapper().readTree(get("/api/v1/cmdb/sync", true).body());
        assertThat(failed.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).isEqualTo("ServiceNow cmdb_ci_server (offset 0): HTTP 503, still after 5 attempts");
        assertThat(failed.get("report").isNull()).isTrue();
        assertThat(get("/api/v1/cmdb/sync", false).statusCode()).isEqualTo(401);
    }
}
