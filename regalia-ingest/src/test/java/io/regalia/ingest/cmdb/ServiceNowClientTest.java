package io.regalia.ingest.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.regalia.core.cmdb.BusinessApplication;
import io.regalia.core.cmdb.CmdbRelation;
import io.regalia.core.cmdb.CmdbSnapshot;
import io.regalia.core.cmdb.ConfigurationItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ServiceNowClientTest {
    FakeServiceNow now;
    ListAppender<ILoggingEvent> log;

    @BeforeEach
    void setUp() {
        now = FakeServiceNow.start();
        now.server("s1", "pay-db-01", "pay-db-01.corp.example", "10.0.0.1", "SN-1")
                .server("s2", "pay-app-01", "pay-app-01.corp.example", "10.0.0.2", "SN-2")
                .server("s3", "wiki-01", "", "10.0.0.3", "")
                .server("s4", "print-01", "", "not an address", "")
                .server("s5", "lab-01", "", "10.0.0.5", "");
        now.application("a1", "Payroll", "1 - most critical", "Jane Doe")
                .application("a2", "Wiki", "4 - not critical", null);
        now.relation("r1", "a1", "s1", false).relation("r2", "a1", "s2", true).relation("r3", "a2", "s3", false);
        now.row("cmdb_rel_ci", java.util.Map.of("sys_id", "r9", "parent", "s5", "child", "s1", "type", "Connects to"));
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger("io.regalia.ingest.cmdb")).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger("io.regalia.ingest.cmdb")).detachAppender(log);
        now.close();
    }

    CmdbSnapshot fetch(ServiceNowSettings settings) {
        return new ServiceNowClient(settings).fetch();
    }

    @Test
    void shouldReadItemsApplicationsAndRelationsPageByPage() {
        CmdbSnapshot snapshot = fetch(now.settings(FakeServiceNow.basic()));

        assertThat(snapshot.origin()).isEqualTo("ServiceNow");
        assertThat(snapshot.items()).extracting(ConfigurationItem::sysId).containsExactly("s1", "s2", "s3", "s4", "s5");
        assertThat(snapshot.items().get(0)).isEqualTo(new ConfigurationItem("s1", "pay-db-01", "pay-db-01.corp.example",
                "10.0.0.1", "SN-1", "Linux Red Hat", "cmdb_ci_linux_server"));
        assertThat(snapshot.items().get(3).ipAddress()).as("free text in ip_address is dropped").isNull();
        assertThat(snapshot.applications()).containsExactly(
                new BusinessApplication("a1", "Payroll", "1 - most critical", "Jane Doe"),
                new BusinessApplication("a2", "Wiki", "4 - not critical", null));
        assertThat(snapshot.relations()).extracting(CmdbRelation::parent, CmdbRelation::child)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a1", "s1"), org.assertj.core.groups.Tuple.tuple("a1", "s2"),
                        org.assertj.core.groups.Tuple.tuple("a2", "s3"));
        assertThat(snapshot.members().get(snapshot.applications().get(0))).extracting(ConfigurationItem::name)
                .containsExactly("pay-db-01", "pay-app-01");

        // five servers at two a page: offsets 0, 2, 4, the last page short
        List<FakeServiceNow.Request> pages = now.requests("cmdb_ci_server");
        assertThat(pages).extracting(FakeServiceNow.Request::offset).containsExactly(0L, 2L, 4L);
        assertThat(pages).allSatisfy(r -> {
            assertThat(r.params()).containsEntry("sysparm_limit", "2").containsEntry("sysparm_display_value", "false");
            assertThat(r.params().get("sysparm_fields")).isEqualTo("sys_id,name,fqdn,ip_address,serial_number,os,sys_class_name");
            assertThat(r.params().get("sysparm_query")).isEqualTo("ORDERBYsys_id");
        });
        assertThat(now.requests("cmdb_ci_business_app")).allSatisfy(r -> assertThat(r.params())
                .containsEntry("sysparm_display_value", "true")
                .containsEntry("sysparm_fields", "sys_id,name,busines_criticality,owned_by"));
        assertThat(now.requests("cmdb_rel_ci").get(0).params().get("sysparm_query"))
                .isEqualTo("parent.sys_class_name=cmdb_ci_business_app^ORchild.sys_class_name=cmdb_ci_business_app^ORDERBYsys_id");
        assertThat(now.requests()).allSatisfy(r -> assertThat(r.authorization()).startsWith("Basic "));
    }

    @Test
    void shouldStopAtTheTotalCountWithoutAskingForAnEmptyPage() {
        now.remove("cmdb_ci_server", r -> r.get("sys_id").equals("s5"));

        fetch(now.settings(FakeServiceNow.basic()));

        // four rows, X-Total-Count 4: the page at offset 4 is never requested
        assertThat(now.requests("cmdb_ci_server")).extracting(FakeServiceNow.Request::offset).containsExactly(0L, 2L);
    }

    @Test
    void shouldPageUntilAShortPageWhenThereIsNoTotalCount() {
        now.remove("cmdb_ci_server", r -> r.get("sys_id").equals("s5"));
        now.withoutTotalCount();

        CmdbSnapshot snapshot = fetch(now.settings(FakeServiceNow.basic()));

        assertThat(snapshot.items()).hasSize(4);
        assertThat(now.requests("cmdb_ci_server")).extracting(FakeServiceNow.Request::offset).containsExactly(0L, 2L, 4L);
    }

    @Test
    void shouldReadEveryItemTableAndCountAServerInTwoTablesOnce() {
        now.row("cmdb_ci_computer", java.util.Map.of("sys_id", "s1", "name", "pay-db-01"))
                .row("cmdb_ci_computer", java.util.Map.of("sys_id", "c1", "name", "laptop-7", "ip_address", "10.9.0.7"));

        CmdbSnapshot snapshot = fetch(now.settings(FakeServiceNow.basic()).withItemTables(List.of("cmdb_ci_server", "cmdb_ci_computer")));

        assertThat(snapshot.items()).extracting(ConfigurationItem::sysId).containsExactly("s1", "s2", "s3", "s4", "s5", "c1");
    }

    @Test
    void shouldAuthenticateWithABearerToken() {
        fetch(now.settings(FakeServiceNow.token()));

        assertThat(now.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeServiceNow.TOKEN));
    }

    @Test
    void shouldWaitAsLongAsRetryAfterSaysOnARateLimit() {
        now.fail("cmdb_ci_server", 2, 429, "1", 1);
        long started = System.nanoTime();

        CmdbSnapshot snapshot = fetch(now.settings(FakeServiceNow.basic()));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(snapshot.items()).hasSize(5);
        assertThat(now.requests("cmdb_ci_server")).extracting(FakeServiceNow.Request::offset).containsExactly(0L, 2L, 2L, 4L);
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("cmdb_ci_server (offset 2)").contains("HTTP 429").contains("retrying in 1000 ms"));
    }

    @Test
    void shouldCapRetryAfterAtTheLongestConfiguredWait() {
        now.fail("cmdb_ci_server", 0, 429, "3600", 1);
        ServiceNowSettings settings = now.settings(FakeServiceNow.basic())
                .withRetry(new ServiceNowSettings.Retry(2, Duration.ofMillis(1), Duration.ofMillis(20)));

        assertThat(fetch(settings).items()).hasSize(5);
    }

    @Test
    void shouldRetryServerErrorsAndSucceed() {
        now.fail("cmdb_ci_business_app", 0, 503, null, 2);

        CmdbSnapshot snapshot = fetch(now.settings(FakeServiceNow.basic()));

        assertThat(snapshot.applications()).hasSize(2);
        assertThat(now.requests("cmdb_ci_business_app")).hasSize(3);
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptAndNameTableAndOffset() {
        now.fail("cmdb_ci_server", 2, 500, null, -1);

        assertThatThrownBy(() -> fetch(now.settings(FakeServiceNow.basic())))
                .isInstanceOf(ServiceNowException.class)
                .hasMessageStartingWith("ServiceNow cmdb_ci_server (offset 2): HTTP 500: Transaction cancelled")
                .hasMessageEndingWith("still after 3 attempts");
        assertThat(now.requests("cmdb_ci_server")).extracting(FakeServiceNow.Request::offset).containsExactly(0L, 2L, 2L, 2L);
        assertThat(now.requests("cmdb_ci_business_app")).as("nothing read after the failure").isEmpty();
    }

    @Test
    void shouldTimeOutASlowAnswerAndRetryIt() {
        now.delay("cmdb_ci_server", 0, Duration.ofSeconds(3), 1);
        ServiceNowSettings settings = now.settings(FakeServiceNow.basic()).withTimeout(Duration.ofMillis(300));

        assertThat(fetch(settings).items()).hasSize(5);
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("no answer within"));
    }

    @Test
    void shouldRefuseWrongCredentialsAtOnceWithoutShowingThem() {
        ServiceNowCredentials wrong = ServiceNowCredentials.basic(FakeServiceNow.USER, "wrong-password-secret");

        assertThatThrownBy(() -> fetch(now.settings(wrong)))
                .isInstanceOf(ServiceNowException.class)
                .hasMessageContaining("refused the credentials (HTTP Basic as user 'regalia-sync'): HTTP 401: User Not Authenticated")
                .message().doesNotContain("wrong-password-secret");
        assertThat(now.requests()).hasSize(1);
    }

    @Test
    void shouldExplainAnAnswerThatIsNotTheTableApi() {
        now.answer("cmdb_ci_server", 0, 200, "<html>Instance hibernating</html>", 1);

        assertThatThrownBy(() -> fetch(now.settings(FakeServiceNow.basic())))
                .hasMessage("ServiceNow cmdb_ci_server (offset 0): the answer is not JSON (content type text/html); "
                        + "is the URL the instance's base address?");
    }

    @Test
    void shouldNeverPutASecretInALogLineOrAnExceptionMessage() {
        String encoded = Base64.getEncoder().encodeToString((FakeServiceNow.USER + ":" + FakeServiceNow.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        List<String> secrets = List.of(FakeServiceNow.PASSWORD, FakeServiceNow.TOKEN, encoded);
        // every failing answer echoes the request's Authorization header back
        now.fail("cmdb_ci_server", 0, 429, "0", 1);
        now.fail("cmdb_ci_server", 2, 500, null, -1);
        Throwable basic = org.assertj.core.api.Assertions.catchThrowable(() -> fetch(now.settings(FakeServiceNow.basic())));
        now.fail("cmdb_ci_business_app", 0, 502, null, -1);
        now.remove("cmdb_ci_server", r -> true);
        Throwable bearer = org.assertj.core.api.Assertions.catchThrowable(() -> fetch(now.settings(FakeServiceNow.token())));

        assertThat(basic).isInstanceOf(ServiceNowException.class).hasMessageContaining("Authorization: Basic ***");
        assertThat(bearer).isInstanceOf(ServiceNowException.class).hasMessageContaining("Authorization: Bearer ***");
        assertThat(log.list).hasSizeGreaterThanOrEqualTo(4);
        List<String> texts = Stream.concat(Stream.of(basic.getMessage(), bearer.getMessage(), basic.toString(),
                        FakeServiceNow.basic().toString(), FakeServiceNow.token().toString(),
                        now.settings(FakeServiceNow.basic()).toString()),
                log.list.stream().map(ILoggingEvent::getFormattedMessage)).toList();
        for (String text : texts) {
            for (String secret : secrets) assertThat(text).doesNotContain(secret);
        }
    }
}
