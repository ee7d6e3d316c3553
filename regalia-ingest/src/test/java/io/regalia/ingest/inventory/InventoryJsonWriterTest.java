package io.regalia.ingest.inventory;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.Hardware;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.Lifecycle;
import io.regalia.core.model.LifecycleStage;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.Software;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.ReportEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.regalia.ingest.inventory.Inventories.events;
import static io.regalia.ingest.inventory.Inventories.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryJsonWriterTest {
    /** Every field the model has, non-default values included. */
    private static final HostObservation FULL = new HostObservation("db-7", "db-7 (primary)", "db-7", "db-7.corp.example",
            "DB7", AssetType.CLOUD_INSTANCE, "agent-7",
            List.of(new NetworkInterface("10.1.2.3", "db-7", "00:50:56:00:00:07"), new NetworkInterface("fe80::1", null, null)),
            new OperatingSystem("Ubuntu 18.04.6 LTS", "18.04", "Canonical", "Linux", "Server",
                    new Lifecycle(LifecycleStage.EOL_EOS, LocalDate.of(2023, 5, 31), LocalDate.of(2023, 5, 31))),
            new Hardware("Virtual", "Cloud", "Amazon EC2", "m5.large"),
            new CloudFacts(CloudProvider.AWS, "eu-west-1", "123456789012", "i-07", "ami-07", "52.1.2.7"),
            List.of(new Software("PostgreSQL", "11.2", "PGDG", "Database", "RDBMS", new Lifecycle(LifecycleStage.GA, null, null)),
                    new Software("zlib", null, null, null, null, null)),
            List.of(new OpenPort(5432, Protocol.TCP, "postgresql"), new OpenPort(161, Protocol.UDP, null)),
            Instant.parse("2026-11-30T09:58:00.123Z"), Instant.parse("2026-11-01T03:00:00Z"), List.of("Finance", "PCI: In scope"),
            true,
            List.of(new DetectionObservation(
                            new VulnerabilityInfo("cve:CVE-2021-44228", 9_000_001L, "Log4Shell \"JNDI\" RCE — ünïcode", 5,
                                    List.of("CVE-2021-44228", "CVE-2021-45046"), "AV:N/AC:M/Au:N/C:C/I:C/A:C",
                                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
                                    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, true,
                                    new ThreatHints(ExploitMaturity.WEAPONIZED, true, 0.97565)),
                            DetectionType.CONFIRMED, DetectionStatus.REOPENED, 8443, Protocol.TCP,
                            Instant.parse("2025-12-11T00:00:00Z"), Instant.parse("2026-11-30T09:58:00Z"), "line 1\nline 2"),
                    new DetectionObservation(
                            new VulnerabilityInfo("qualys:45038", 45038L, null, null, null, null, null, null, null, null, null),
                            DetectionType.INFO, null, null, null, null, null, null)));
    private static final HostObservation MINIMAL = new HostObservation(null, null, null, null, null, null, null,
            List.of(new NetworkInterface("192.0.2.10", null, null)), null, null, null, List.of(), null, null, null,
            null, null, null);

    @TempDir
    Path dir;

    @Test
    void shouldReadBackExactlyWhatItWrote() throws IOException {
        ReportEvent.Header header = new ReportEvent.Header("inventory", "export", Instant.parse("2026-12-01T08:00:00Z"), true);
        List<ReportEvent> written = List.of(header, new ReportEvent.Host(FULL), new ReportEvent.Host(MINIMAL),
                new ReportEvent.Host(InventoryJsonReaderTest.SPEC_HOST));
        Path file = dir.resolve("export.json");
        try (InventoryJsonWriter writer = new InventoryJsonWriter(Files.newOutputStream(file))) {
            written.forEach(writer::accept);
        }

        assertThat(events(file)).containsExactlyElementsOf(written);
    }

    @Test
    void shouldRoundTripTheSpecExampleDocument() throws IOException {
        List<ReportEvent> original = events(fixture("spec-example.json"));
        Path file = dir.resolve("again.json");
        try (InventoryJsonWriter writer = new InventoryJsonWriter(Files.newOutputStream(file), true)) {
            new InventoryJsonReader().read(fixture("spec-example.json"), writer);
        }
        assertThat(events(file)).containsExactlyElementsOf(original);
        assertThat(Files.readString(file)).contains("\"stage\" : \"EOL\"");
    }

    @Test
    void shouldOmitNullsAndKeepStatedEmptyLists() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InventoryJsonWriter writer = new InventoryJsonWriter(bytes)) {
            writer.accept(new ReportEvent.Header("inventory", null, null, false));
            writer.accept(new ReportEvent.Host(MINIMAL));
            writer.accept(new ReportEvent.Warning("x", "not part of the format"));
        }
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"format\":\"regalia-inventory/1\",\"complete\":false,\"assets\":["
                        + "{\"interfaces\":[{\"address\":\"192.0.2.10\"}],\"software\":[]}]}\n");
    }

    @Test
    void shouldWriteAnEmptyDocumentWhenGivenNothing() {
        Path file = dir.resolve("empty.json");
        try (InventoryJsonWriter writer = new InventoryJsonWriter(newOutput(file))) {
            assertThat(writer).isNotNull();
        }
        assertThat(events(file)).containsExactly(new ReportEvent.Header("inventory", null, null, false));
    }

    @Test
    void shouldRefuseAHostBeforeTheHeader() {
        try (InventoryJsonWriter writer = new InventoryJsonWriter(new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> writer.accept(new ReportEvent.Host(MINIMAL)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldStreamManyHostsThroughTheReaderInOrder() throws IOException {
        Path file = dir.resolve("many.json");
        List<String> ids = new ArrayList<>();
        try (InventoryJsonWriter writer = new InventoryJsonWriter(Files.newOutputStream(file))) {
            writer.accept(new ReportEvent.Header("inventory", "generator", null, false));
            for (int i = 0; i < 5_000; i++) {
                String id = "host-" + i;
                ids.add(id);
                writer.accept(new ReportEvent.Host(new HostObservation(id, null, null, null, null, AssetType.HOST, null,
                        null, null, null, null, null, null, null, null, null, null, FULL.detections())));
            }
        }
        List<String> read = new ArrayList<>();
        new InventoryJsonReader().read(file, e -> {
            if (e instanceof ReportEvent.Host h) read.add(h.host().externalId());
        });
        assertThat(read).containsExactlyElementsOf(ids);
    }

    private static java.io.OutputStream newOutput(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
