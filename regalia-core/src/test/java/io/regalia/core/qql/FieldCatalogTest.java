package io.regalia.core.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.FieldCatalog.Type;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FieldCatalogTest {
    private final FieldCatalog catalog = FieldCatalog.standard();

    @Test
    void shouldHoldEveryFieldOfTheSpecTableWithItsType() {
        assertThat(catalog.fields()).extracting(Field::path).containsExactly(
                "asset.id", "asset.name", "asset.hostname", "asset.fqdn", "asset.netbiosName", "asset.type",
                "asset.trackingMethod", "asset.criticalityScore", "asset.riskScore", "asset.externallyExposed",
                "asset.created", "asset.lastUpdated", "asset.lastSeen", "asset.lastBoot",
                "operatingSystem", "operatingSystem.name", "operatingSystem.version", "operatingSystem.publisher",
                "operatingSystem.category1", "operatingSystem.category2", "operatingSystem.lifecycle.stage",
                "operatingSystem.lifecycle.eol", "operatingSystem.lifecycle.eos",
                "hardware.category1", "hardware.category2", "hardware.manufacturer", "hardware.model",
                "software", "software.name", "software.version", "software.publisher", "software.category1",
                "software.category2", "software.lifecycle.stage", "software.lifecycle.eol",
                "openPorts", "openPorts.port", "openPorts.protocol", "openPorts.serviceName",
                "interfaces", "interfaces.address", "interfaces.hostname", "interfaces.macAddress",
                "cloud.provider", "cloud.region", "cloud.accountId", "cloud.instanceId", "cloud.imageId",
                "cloud.publicIpAddress", "cloud.hasPublicIp",
                "tags", "tags.name", "tags.id", "tags.criticalityScore",
                "business.application", "business.owner", "business.criticality", "inventory.source",
                "vulnerabilities", "vulnerabilities.typeDetected", "vulnerabilities.status", "vulnerabilities.firstFound",
                "vulnerabilities.lastFound", "vulnerabilities.qds", "vulnerabilities.port",
                "vulnerabilities.vulnerability", "vulnerabilities.vulnerability.qid", "vulnerabilities.vulnerability.cveIds",
                "vulnerabilities.vulnerability.title", "vulnerabilities.vulnerability.criticality",
                "vulnerabilities.vulnerability.severity", "vulnerabilities.vulnerability.cvssScore",
                "vulnerabilities.vulnerability.patchAvailable", "vulnerabilities.vulnerability.os",
                "vulnerabilities.riskFactor", "vulnerabilities.riskFactor.cisaKnownExploits",
                "vulnerabilities.riskFactor.ransomware", "vulnerabilities.riskFactor.exploitCodeMaturity",
                "vulnerabilities.riskFactor.epss");
        assertThat(field("asset.riskScore").type()).isEqualTo(Type.NUMBER);
        assertThat(field("asset.lastBoot").type()).isEqualTo(Type.DATE);
        assertThat(field("cloud.publicIpAddress").type()).isEqualTo(Type.IP);
        assertThat(field("vulnerabilities.riskFactor.ransomware").type()).isEqualTo(Type.BOOLEAN);
        assertThat(field("openPorts.protocol").constants()).extracting(FieldCatalog.EnumConstant::name).containsExactly("TCP", "UDP");
    }

    @Test
    void shouldPlaceSubFieldsInTheirGroupAndTheVulnerabilityGroupInsideVulnerabilities() {
        assertThat(field("software.lifecycle.eol").group()).isEqualTo("software");
        assertThat(field("vulnerabilities.vulnerability").type()).isEqualTo(Type.GROUP);
        assertThat(field("vulnerabilities.vulnerability").group()).isEqualTo("vulnerabilities");
        assertThat(field("vulnerabilities.riskFactor.epss").group()).isEqualTo("vulnerabilities.riskFactor");
        assertThat(field("vulnerabilities.vulnerability.os").pathWithin(field("vulnerabilities"))).isEqualTo("vulnerability.os");
        assertThat(field("asset.name").group()).isNull();
        assertThat(catalog.within(field("openPorts"))).extracting(Field::path)
                .containsExactly("openPorts.port", "openPorts.protocol", "openPorts.serviceName");
    }

    @Test
    void shouldFindFieldsCaseInsensitivelyAndThroughAliases() {
        assertThat(field("VULNERABILITIES.TYPEDETECTED").path()).isEqualTo("vulnerabilities.typeDetected");
        assertThat(field("operatingSystem.category").path()).isEqualTo("operatingSystem.category2");
        assertThat(field("hardware.category").path()).isEqualTo("hardware.category1");
        assertThat(catalog.aliases()).containsEntry("operatingSystem.category", "operatingSystem.category2")
                .containsEntry("hardware.category", "hardware.category1");
        assertThat(catalog.find("operatingSystem.kernel")).isEmpty();
    }

    @Test
    void shouldListEnumConstantsWithAliasesAndWhatTheyMatch() {
        Field stage = field("operatingSystem.lifecycle.stage");
        assertThat(stage.constant("eol/eos").orElseThrow().matches()).containsExactly("EOL", "EOS", "EOL/EOS");
        assertThat(stage.constant("EOL").orElseThrow().matches()).containsExactly("EOL");
        assertThat(field("asset.trackingMethod").constant("QAgent").orElseThrow().name()).isEqualTo("AGENT");
        assertThat(field("asset.type").constants()).extracting(FieldCatalog.EnumConstant::name)
                .containsExactly("HOST", "CLOUD_INSTANCE", "CONTAINER", "NETWORK_DEVICE", "WEB_APP", "UNKNOWN");
        assertThat(field("vulnerabilities.vulnerability.criticality").constants()).extracting(FieldCatalog.EnumConstant::name)
                .containsExactly("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");
        assertThat(field("vulnerabilities.typeDetected").constant("info")).isPresent();
        assertThat(field("asset.name").constants()).isEmpty();
    }

    @Test
    void shouldSuggestTheNearestNames() {
        assertThat(catalog.suggestions("operatingSytem.category")).isEqualTo(List.of("operatingSystem.category"));
        assertThat(catalog.suggestions("asset.riskscor")).isEqualTo(List.of("asset.riskScore"));
        assertThat(catalog.suggestions("tags.nam")).isEqualTo(List.of("tags.name"));
        assertThat(catalog.suggestions("zzzzzzzzzzzz")).isEmpty();
    }

    private Field field(String path) {
        return catalog.find(path).orElseThrow();
    }
}
