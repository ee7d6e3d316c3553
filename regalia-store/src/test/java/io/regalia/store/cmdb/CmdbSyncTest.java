package io.regalia.store.cmdb;

import io.regalia.store.testing.TableDump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regalia.core.cmdb.BusinessApplication;
import io.regalia.core.cmdb.CmdbRelation;
import io.regalia.core.cmdb.CmdbSnapshot;
import io.regalia.core.cmdb.ConfigurationItem;
import io.regalia.core.model.AssetType;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.store.inventory.ImportRequest;
import io.regalia.store.inventory.ImportService;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.tag.Tag;
import io.regalia.store.tag.TagChange;
import io.regalia.store.tag.TagException;
import io.regalia.store.tag.TagService;
import io.regalia.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CmdbSyncTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    static final SyncOptions SYNC = new SyncOptions(false, false, "cmdb:test");

    RiskEngine risk;
    TagService tags;
    CmdbSync cmdb;
    CriticalityMappings mappings;

    @BeforeEach
    void setUp() {
        risk = new RiskEngine(db.jdbi(), CLOCK);
        tags = new TagService(db.jdbi(), risk);
        cmdb = new CmdbSync(db.jdbi(), risk, CLOCK);
        mappings = new CriticalityMappings(db.jdbi(), risk);
        importHosts(host("pay-db-01", "pay-db-01.corp.example", "10.0.0.1"), host("pay-app-01", null, "10.0.0.2"),
                host("wiki-01", "wiki-01.corp.example", "10.0.0.3"), host("lab-01", null, "10.0.0.5"));
    }

    static HostObservation host(String name, String fqdn, String ip) {
        return new HostObservation(null, name, name, fqdn, null, AssetType.HOST, null, List.of(new NetworkInterface(ip, null, null)),
                null, null, null, null, null, null, null, List.of(), null, List.of());
    }

    void importHosts(HostObservation... hosts) {
        new ImportService(db.jdbi(), risk, CLOCK).run(new ImportRequest("hosts", "sha-" + hosts.length + hosts[0].name(), "inventory"), sink -> {
            sink.accept(new ReportEvent.Header("inventory", "test", Instant.parse("2026-11-30T00:00:00Z"), false));
            for (HostObservation h : hosts) sink.accept(new ReportEvent.Host(h));
        });
    }

    static ConfigurationItem ci(String sysId, String name, String fqdn, String ip, String serial) {
        return new ConfigurationItem(sysId, name, fqdn, ip, serial, null, "cmdb_ci_linux_server");
    }

    /** A small CMDB: Payroll (most critical) on pay-db-01 and pay-app-01, Wiki (not critical) on wiki-01. */
    static final class Cmdb {
        final List<BusinessApplication> apps = new ArrayList<>(List.of(
                new BusinessApplication("a1", "Payroll", "1 - most critical", "Jane Doe"),
                new BusinessApplication("a2", "Wiki", "4 - not critical", "IT Ops")));
        final List<ConfigurationItem> items = new ArrayList<>(List.of(
                ci("s1", "pay-db-01", "pay-db-01.corp.example", "10.0.0.1", "SN-1"),
                ci("s2", "PAY-APP-01", null, "10.0.0.2", null),
                ci("s3", "wiki", "wiki-01.corp.example", null, null),
                ci("s4", "ghost-01", null, "10.9.9.9", "SN-4")));
        final List<CmdbRelation> relations = new ArrayList<>(List.of(new CmdbRelation("a1", "s1", null),
                new CmdbRelation("s2", "a1", null), new CmdbRelation("a2", "s3", null), new CmdbRelation("a2", "s4", null)));

        CmdbSnapshot snapshot() {
            return new CmdbSnapshot("ServiceNow", apps, items, relations);
        }
    }

    long asset(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM asset WHERE name = :n").bind("n", name).mapTo(Long.class).one());
    }

    Map<String, Object> row(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT criticality_score, business_application, business_owner, business_criticality FROM asset WHERE name = :n""")
                .bind("n", name).mapToMap().one());
    }

    @Test
    void shouldKeepOneScoredBusinessTagPerApplicationUnderItsParent() {
        SyncReport report = cmdb.apply(new Cmdb().snapshot(), "test", SYNC);

        assertThat(report.tagsCreated()).containsExactly("Business Applications", "Business: Payroll", "Business: Wiki");
        Tag payroll = tags.get("Business: Payroll");
        assertThat(payroll.ruleType()).isEqualTo("BUSINESS_INFORMATION");
        assertThat(payroll.parentName()).isEqualTo("Business Applications");
        assertThat(payroll.criticality()).isEqualTo(5);
        assertThat(payroll.assets()).isEqualTo(2);
        assertThat(tags.get("Business: Wiki").criticality()).isEqualTo(2);
        List<String> sources = db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT source FROM asset_tag").mapTo(String.class).list());
        assertThat(sources).containsExactly("cmdb");

        assertThat(row("pay-db-01")).containsEntry("criticality_score", 5).containsEntry("business_application", "Payroll")
                .containsEntry("business_owner", "Jane Doe").containsEntry("business_criticality", "1 - most critical");
        assertThat(row("wiki-01")).containsEntry("criticality_score", 2);
        assertThat(risk.explain(asset("wiki-01")).criticality().setBy()).containsExactly("Business: Wiki");
        assertThat(risk.explain(asset("pay-app-01")).text()).contains("set by tag Business: Payroll");
        assertThat(row("lab-01")).containsEntry("business_application", null);

        assertThat(report.matchedBy()).containsEntry("fqdn", 2).containsEntry("name", 1).containsEntry("ip", 0);
        assertThat(report.memberships()).extracting(SyncReport.Membership::tag).containsExactly("Business: Payroll", "Business: Wiki");
        assertThat(report.memberships().get(0).added()).extracting(SyncReport.AssetRef::name).containsExactly("pay-db-01", "pay-app-01");
        assertThat(report.acsChanges()).extracting(SyncReport.AcsChange::name, SyncReport.AcsChange::acsBefore, SyncReport.AcsChange::acsAfter)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pay-db-01", 2, 5), org.assertj.core.groups.Tuple.tuple("pay-app-01", 2, 5));
        assertThat(report.unmatched()).singleElement().satisfies(u -> {
            assertThat(u.sysId()).isEqualTo("s4");
            assertThat(u.applications()).containsExactly("Wiki");
        });
        assertThat(tags.history("Business: Payroll")).extracting(r -> r.get("action")).containsExactly("create", "assign");
    }

    @Test
    void shouldChangeNothingTheSecondTime() {
        cmdb.apply(new Cmdb().snapshot(), "test", SYNC);

        SyncReport again = cmdb.apply(new Cmdb().snapshot(), "test", SYNC);

        assertThat(again.hasChanges()).isFalse();
        assertThat(again.unmatched()).hasSize(1);
    }

    @Test
    void shouldMatchByFqdnThenNameThenIpThenSerial() {
        importHosts(host("alpha", "alpha.corp.example", "10.1.0.1"), host("beta", null, "10.1.0.2"), host("gamma", null, "10.1.0.3"));
        Cmdb cmdb = new Cmdb();
        cmdb.items.clear();
        cmdb.relations.clear();
        cmdb.items.addAll(List.of(
                ci("x1", "not-beta", "alpha.corp.example", "10.1.0.2", null), // fqdn wins over the address of beta
                ci("x2", "beta.other.example", null, "10.1.0.3", null),    // the short name wins over gamma's address
                ci("x3", "Gamma Server", null, "10.1.0.3", "VM-3")));       // only the address
        cmdb.items.forEach(i -> cmdb.relations.add(new CmdbRelation("a1", i.sysId(), null)));

        SyncReport first = this.cmdb.apply(cmdb.snapshot(), "test", SYNC);

        assertThat(first.matchedBy()).containsEntry("fqdn", 1).containsEntry("name", 1).containsEntry("ip", 1).containsEntry("serial", 0);
        assertThat(first.memberships().get(0).added()).extracting(SyncReport.AssetRef::name).containsExactly("alpha", "beta", "gamma");

        // the item moved to another address and got a new name: its serial, remembered last time, still finds it
        cmdb.items.set(2, ci("x3", "renamed", null, "10.7.7.7", "vm-3"));
        SyncReport second = this.cmdb.apply(cmdb.snapshot(), "test", SYNC);

        assertThat(second.matchedBy()).containsEntry("serial", 1);
        assertThat(second.hasChanges()).as(second.toString()).isFalse();
        assertThat(second.unmatched()).isEmpty();
    }

    @Test
    void shouldCreateAssetsForUnmatchedItemsOnlyWhenAsked() {
        SyncReport report = cmdb.apply(new Cmdb().snapshot(), "test", new SyncOptions(false, true, "cmdb:test"));

        assertThat(report.unmatched()).isEmpty();
        assertThat(report.assetsCreated()).extracting(SyncReport.AssetRef::name).containsExactly("ghost-01");
        long ghost = asset("ghost-01");
        List<String> identities = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT kind || '=' || value FROM asset_identity WHERE asset_id = :a ORDER BY 1").bind("a", ghost).mapTo(String.class).list());
        assertThat(identities).containsExactly("HOSTNAME=ghost-01", "IP=10.9.9.9", "SERIAL=SN-4");
        String inventory = db.jdbi().withHandle(h -> h.createQuery("SELECT inventory_sources[1] FROM asset WHERE id = :a").bind("a", ghost)
                .mapTo(String.class).one());
        assertThat(inventory).isEqualTo("ServiceNow");
        assertThat(tags.get("Business: Wiki").assets()).isEqualTo(2);

        SyncReport again = cmdb.apply(new Cmdb().snapshot(), "test", new SyncOptions(false, true, "cmdb:test"));
        assertThat(again.assetsCreated()).as("the created asset is matched from now on").isEmpty();
        assertThat(again.matchedBy()).containsEntry("name", 2);
    }

    @Test
    void shouldRemoveMembersAndDeleteTagsOfApplicationsTheCmdbNoLongerHas() {
        tags.create(new TagChange("Servers", Optional.of(3), Optional.empty(), Optional.empty()), "test");
        tags.assign("Servers", List.of(asset("pay-db-01")), "test");
        cmdb.apply(new Cmdb().snapshot(), "test", SYNC);
        Cmdb changed = new Cmdb();
        changed.relations.removeIf(r -> r.child().equals("s1"));
        changed.apps.removeIf(a -> a.name().equals("Wiki"));

        SyncReport report = cmdb.apply(changed.snapshot(), "test", SYNC);

        assertThat(report.tagsDeleted()).containsExactly("Business: Wiki");
        assertThat(report.memberships()).extracting(SyncReport.Membership::tag).containsExactly("Business: Payroll", "Business: Wiki");
        assertThat(report.memberships().get(0).removed()).extracting(SyncReport.AssetRef::name).containsExactly("pay-db-01");
        assertThat(report.acsChanges()).extracting(SyncReport.AcsChange::name, SyncReport.AcsChange::acsAfter)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pay-db-01", 3));
        assertThat(row("pay-db-01")).containsEntry("criticality_score", 3).containsEntry("business_application", null);
        assertThat(row("wiki-01")).containsEntry("business_application", null);
        assertThat(tags.list()).extracting(Tag::name).doesNotContain("Business: Wiki");
    }

    @Test
    void shouldEmptyButKeepAGoneApplicationsTagThatHasChildTags() {
        cmdb.apply(new Cmdb().snapshot(), "test", SYNC);
        tags.create(new TagChange("Wiki editors", Optional.empty(), Optional.of("Business: Wiki"), Optional.empty()), "someone");
        Cmdb changed = new Cmdb();
        changed.apps.removeIf(a -> a.name().equals("Wiki"));

        SyncReport report = cmdb.apply(changed.snapshot(), "test", SYNC);

        assertThat(report.tagsDeleted()).isEmpty();
        assertThat(report.warnings()).singleElement().asString().contains("has child tags");
        assertThat(tags.get("Business: Wiki").assets()).isZero();
        assertThat(cmdb.apply(changed.snapshot(), "test", SYNC).hasChanges()).isFalse();
    }

    @Test
    void shouldNameEveryApplicationOfAnAssetMostCriticalFirst() {
        Cmdb cmdb = new Cmdb();
        cmdb.apps.add(new BusinessApplication("a3", "Reporting", "2 - somewhat critical", "Jane Doe"));
        cmdb.relations.add(new CmdbRelation("a3", "s1", null));
        cmdb.relations.add(new CmdbRelation("a2", "s1", null));

        this.cmdb.apply(cmdb.snapshot(), "test", SYNC);

        assertThat(row("pay-db-01")).containsEntry("business_application", "Payroll, Reporting, Wiki")
                .containsEntry("business_owner", "Jane Doe, IT Ops").containsEntry("business_criticality", "1 - most critical");
    }

    @Test
    void shouldRescoreAtOnceWhenTheMappingChangesAndKeepEveryVersion() {
        cmdb.apply(new Cmdb().snapshot(), "test", SYNC);

        MappingChange change = mappings.set("1 - MOST critical", 4, "test");

        assertThat(change.changed()).isTrue();
        assertThat(change.mapping().version()).isEqualTo(2);
        assertThat(change.mapping().entries()).containsEntry("1 - MOST critical", 4).doesNotContainKey("1 - most critical");
        assertThat(change.criticalityChanges()).containsExactly(new SyncReport.TagCriticality("Business: Payroll", 5, 4));
        assertThat(change.acsChanges()).extracting(SyncReport.AcsChange::acsAfter).containsExactly(4, 4);
        assertThat(row("pay-db-01")).containsEntry("criticality_score", 4);
        assertThat(tags.get("Business: Payroll").criticality()).isEqualTo(4);

        assertThat(mappings.set("1 - most critical", 4, "test").changed()).as("the same mapping again").isFalse();
        MappingChange removed = mappings.set("4 - not critical", null, "test");
        assertThat(removed.criticalityChanges()).containsExactly(new SyncReport.TagCriticality("Business: Wiki", 2, null));
        assertThat(risk.explain(asset("wiki-01")).criticality().isDefault()).isTrue();
        assertThat(mappings.history()).extracting(CriticalityMapping::version).containsExactly(1, 2, 3);
        assertThat(mappings.history().get(0).entries()).isEqualTo(CriticalityMapping.DEFAULTS);
        assertThatThrownBy(() -> mappings.set("9 - unheard of", null, "test")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no value '9 - unheard of'");
        assertThatThrownBy(() -> mappings.set("x", 6, "test")).hasMessage("acs: ACS must be 1-5, got 6");
    }

    @Test
    void shouldRefuseToAssignABusinessTagByHand() {
        cmdb.apply(new Cmdb().snapshot(), "test", SYNC);

        assertThatThrownBy(() -> tags.assign("Business: Payroll", List.of(asset("lab-01")), "someone"))
                .isInstanceOf(TagException.class).hasMessageContaining("BUSINESS_INFORMATION");
        assertThatThrownBy(() -> tags.unassign("Business: Payroll", List.of(asset("pay-db-01")), "someone"))
                .isInstanceOf(TagException.class);
    }

    @Test
    void shouldLeaveAUserTagOfTheSameNameAloneAndSaySo() {
        tags.create(new TagChange("Business: Wiki", Optional.of(1), Optional.empty(), Optional.empty()), "someone");

        SyncReport report = cmdb.apply(new Cmdb().snapshot(), "test", SYNC);

        assertThat(report.warnings()).singleElement().asString().contains("tag 'Business: Wiki' exists and is not maintained");
        assertThat(tags.get("Business: Wiki").assets()).isZero();
        assertThat(tags.get("Business: Wiki").criticality()).isEqualTo(1);
    }

    @Test
    void shouldRenameTheTagWhenTheApplicationIsRenamed() {
        cmdb.apply(new Cmdb().snapshot(), "test", SYNC);
        Cmdb renamed = new Cmdb();
        renamed.apps.set(0, new BusinessApplication("a1", "Payroll EU", "1 - most critical", "Jane Doe"));

        SyncReport report = cmdb.apply(renamed.snapshot(), "test", SYNC);

        assertThat(report.tagsRenamed()).containsExactly(new SyncReport.Rename("Business: Payroll", "Business: Payroll EU"));
        assertThat(report.tagsCreated()).isEmpty();
        assertThat(report.memberships()).isEmpty();
        assertThat(row("pay-db-01")).containsEntry("business_application", "Payroll EU");
    }

    @Test
    void shouldReportInADryRunWhatTheSyncThenDoesAndChangeNothing() {
        String before = TableDump.of(db.jdbi());

        SyncReport dry = cmdb.apply(new Cmdb().snapshot(), "test", new SyncOptions(true, false, "cmdb:test"));

        assertThat(TableDump.of(db.jdbi())).isEqualTo(before);
        SyncReport real = cmdb.apply(new Cmdb().snapshot(), "test", SYNC);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.hasChanges()).isTrue();
        assertThat(dry).usingRecursiveComparison().ignoringFields("dryRun").isEqualTo(real);
    }

    @Test
    void shouldRecordEverySyncAndLeaveEverythingAsItWasWhenOneFails() {
        cmdb.run("ServiceNow http://cmdb", () -> new Cmdb().snapshot(), SYNC);
        SyncRun ok = cmdb.lastRun().orElseThrow();
        assertThat(ok.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(ok.report().tagsCreated()).contains("Business: Payroll");
        String before = TableDump.of(db.jdbi(), "cmdb_sync");

        assertThatThrownBy(() -> cmdb.run("ServiceNow http://cmdb", () -> {
            throw new BadInputException("ServiceNow cmdb_ci_server (offset 2)", "HTTP 500, still after 3 attempts");
        }, SYNC)).isInstanceOf(BadInputException.class);

        assertThat(TableDump.of(db.jdbi(), "cmdb_sync")).isEqualTo(before);
        SyncRun failed = cmdb.lastRun().orElseThrow();
        assertThat(failed.outcome()).isEqualTo(SyncRun.Outcome.FAILED);
        assertThat(failed.error()).isEqualTo("ServiceNow cmdb_ci_server (offset 2): HTTP 500, still after 3 attempts");
        assertThat(failed.report()).isNull();
        assertThat(failed.id()).isGreaterThan(ok.id());
    }
}
