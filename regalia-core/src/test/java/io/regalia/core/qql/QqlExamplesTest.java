package io.regalia.core.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.Query.And;
import io.regalia.core.qql.Query.Compare;
import io.regalia.core.qql.Query.Comparison;
import io.regalia.core.qql.Query.Match;
import io.regalia.core.qql.Query.Nested;
import io.regalia.core.qql.Query.Not;
import io.regalia.core.qql.Value.AnyOf;
import io.regalia.core.qql.Value.BooleanValue;
import io.regalia.core.qql.Value.CidrValue;
import io.regalia.core.qql.Value.DateValue;
import io.regalia.core.qql.Value.EnumValue;
import io.regalia.core.qql.Value.IpValue;
import io.regalia.core.qql.Value.NumberValue;
import io.regalia.core.qql.Value.Present;
import io.regalia.core.qql.Value.Range;
import io.regalia.core.qql.Value.Text;
import io.regalia.core.qql.Value.TextMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every query of spec/qql.md, "Examples that must work" and the prose around them. */
class QqlExamplesTest {

    static Stream<String> specExamples() {
        return Stream.of(
                "operatingSystem.category:Server and hardware.category2:`Server`",
                "operatingSystem.category:Server and operatingSystem.lifecycle.stage:EOL/EOS and hardware.category2:`Server`",
                "cloud.provider:AWS and cloud.hasPublicIp:true",
                "software:(name:OpenSSL)",
                "asset.name:*prod-db*",
                "NOT tags.name: Windows",
                "vulnerabilities.typeDetected:[Confirmed, Potential]",
                "operatingSystem: \"Windows 7\"",
                "openPorts.port:[123 .. 1234]",
                "openPorts.port:(123 .. 1234)",
                "operatingSystem: win*",
                "tags.name: \"Cloud Agent\"",
                "interfaces.address: 10.10.10.10",
                "vulnerabilities.vulnerability: (os: \"windows\" AND patchAvailable: \"true\")",
                "vulnerabilities: (vulnerability.os: \"windows\" AND firstFound > now-3d)",
                "vulnerabilities.vulnerability.cveIds:CVE-2023-6246",
                "software:(name:\"glibc\")",
                "operatingSystem.category1:Linux and operatingSystem.category2:Server and asset.trackingMethod:QAGENT",
                "asset.riskScore>700",
                // From the prose of the spec.
                "hardware.category2:`Server`",
                "asset.name: *db*",
                "vulnerabilities.vulnerability.criticality:[`CRITICAL`,`HIGH`]",
                "cloud.instanceId:*",
                "interfaces.address: 10.0.0.0/8",
                "software:(name:OpenSSL and version:1.0*)",
                "software.name:OpenSSL and software.version:1.0*",
                "vulnerabilities.typedetected:Confirmed",
                "openPorts.port: 80",
                "vulnerabilities.vulnerability.cveIds:CVE-2021-44228",
                "vulnerabilities:(vulnerability.os:\"windows\" and firstFound > now-3d)",
                "asset.lastSeen > now-30d or asset.lastSeen < now-12h or asset.created > now-2w or asset.lastBoot > now-6M or asset.lastUpdated > now-1y",
                "asset.lastSeen >= 2026-01-31 and asset.lastSeen < 2026-01-31T10:00:00Z and asset.created <= now");
    }

    @Test
    void shouldReadTheAliasAsCategory2AndTheBacktickAsExact() {
        assertThat(Qql.parse("operatingSystem.category:Server and hardware.category2:`Server`")).isEqualTo(new And(List.of(
                new Match(field("operatingSystem.category2"), contains("Server")),
                new Match(field("hardware.category2"), new Text("Server", TextMatch.EXACT)))));
    }

    @Test
    void shouldReadEolEosAsOneWordThatMatchesEveryEndOfLifeStage() {
        Query query = Qql.parse("operatingSystem.category:Server and operatingSystem.lifecycle.stage:EOL/EOS"
                + " and hardware.category2:`Server`");
        assertThat(query).isEqualTo(new And(List.of(
                new Match(field("operatingSystem.category2"), contains("Server")),
                new Match(field("operatingSystem.lifecycle.stage"), new EnumValue("EOL/EOS", List.of("EOL", "EOS", "EOL/EOS"))),
                new Match(field("hardware.category2"), new Text("Server", TextMatch.EXACT)))));
    }

    @Test
    void shouldTypeEnumAndBooleanValues() {
        assertThat(Qql.parse("cloud.provider:AWS and cloud.hasPublicIp:true")).isEqualTo(new And(List.of(
                new Match(field("cloud.provider"), new EnumValue("AWS", List.of("AWS"))),
                new Match(field("cloud.hasPublicIp"), new BooleanValue(true)))));
    }

    @Test
    void shouldReadAGroupWithParenthesesAsNestedAndDottedPathsAsFlat() {
        assertThat(Qql.parse("software:(name:OpenSSL)"))
                .isEqualTo(new Nested(field("software"), new Match(field("software.name"), contains("OpenSSL"))));
        assertThat(Qql.parse("software:(name:OpenSSL and version:1.0*)")).isEqualTo(new Nested(field("software"), new And(List.of(
                new Match(field("software.name"), contains("OpenSSL")),
                new Match(field("software.version"), new Text("1.0*", TextMatch.GLOB))))));
        assertThat(Qql.parse("software.name:OpenSSL and software.version:1.0*")).isEqualTo(new And(List.of(
                new Match(field("software.name"), contains("OpenSSL")),
                new Match(field("software.version"), new Text("1.0*", TextMatch.GLOB)))));
        assertThat(Qql.parse("software:(name:\"glibc\")"))
                .isEqualTo(new Nested(field("software"), new Match(field("software.name"), contains("glibc"))));
    }

    @Test
    void shouldReadStarsAsGlobsOverTheWholeValue() {
        assertThat(Qql.parse("asset.name:*prod-db*")).isEqualTo(new Match(field("asset.name"), new Text("*prod-db*", TextMatch.GLOB)));
        assertThat(Qql.parse("operatingSystem: win*")).isEqualTo(new Match(field("operatingSystem"), new Text("win*", TextMatch.GLOB)));
        assertThat(Qql.parse("asset.name: \"*prod db*\"")).isEqualTo(new Match(field("asset.name"), new Text("*prod db*", TextMatch.GLOB)));
        assertThat(Qql.parse("asset.name: `*prod*`")).isEqualTo(new Match(field("asset.name"), new Text("*prod*", TextMatch.EXACT)));
    }

    @Test
    void shouldNegateWithNot() {
        assertThat(Qql.parse("NOT tags.name: Windows")).isEqualTo(new Not(new Match(field("tags.name"), contains("Windows"))));
    }

    @Test
    void shouldReadBracketsWithCommasAsAnyOf() {
        assertThat(Qql.parse("vulnerabilities.typeDetected:[Confirmed, Potential]")).isEqualTo(new Match(
                field("vulnerabilities.typeDetected"),
                new AnyOf(List.of(new EnumValue("Confirmed", List.of("Confirmed")), new EnumValue("Potential", List.of("Potential"))))));
        assertThat(Qql.parse("vulnerabilities.vulnerability.criticality:[`CRITICAL`,`HIGH`]")).isEqualTo(new Match(
                field("vulnerabilities.vulnerability.criticality"),
                new AnyOf(List.of(new EnumValue("CRITICAL", List.of("CRITICAL")), new EnumValue("HIGH", List.of("HIGH"))))));
    }

    @Test
    void shouldKeepQuotedSpacesAndMatchByContains() {
        assertThat(Qql.parse("operatingSystem: \"Windows 7\"")).isEqualTo(new Match(field("operatingSystem"), contains("Windows 7")));
        assertThat(Qql.parse("tags.name: \"Cloud Agent\"")).isEqualTo(new Match(field("tags.name"), contains("Cloud Agent")));
        assertThat(Qql.parse("tags.name: 'Cloud Agent'")).isEqualTo(new Match(field("tags.name"), contains("Cloud Agent")));
    }

    @Test
    void shouldTellInclusiveSquareFromExclusiveRoundRanges() {
        assertThat(Qql.parse("openPorts.port:[123 .. 1234]"))
                .isEqualTo(new Match(field("openPorts.port"), new Range(NumberValue.of(123), NumberValue.of(1234), true, true)));
        assertThat(Qql.parse("openPorts.port:(123 .. 1234)"))
                .isEqualTo(new Match(field("openPorts.port"), new Range(NumberValue.of(123), NumberValue.of(1234), false, false)));
        assertThat(Qql.parse("openPorts.port:[123..1234)"))
                .isEqualTo(new Match(field("openPorts.port"), new Range(NumberValue.of(123), NumberValue.of(1234), true, false)));
    }

    @Test
    void shouldReadAddressesAndNetworks() throws Exception {
        assertThat(Qql.parse("interfaces.address: 10.10.10.10"))
                .isEqualTo(new Match(field("interfaces.address"), new IpValue(InetAddress.getByName("10.10.10.10"))));
        assertThat(Qql.parse("interfaces.address: 10.0.0.0/8"))
                .isEqualTo(new Match(field("interfaces.address"), new CidrValue(InetAddress.getByName("10.0.0.0"), 8)));
    }

    @Test
    void shouldReadSubFieldsOfTheNestedVulnerabilityGroup() {
        assertThat(Qql.parse("vulnerabilities.vulnerability: (os: \"windows\" AND patchAvailable: \"true\")")).isEqualTo(
                new Nested(field("vulnerabilities.vulnerability"), new And(List.of(
                        new Match(field("vulnerabilities.vulnerability.os"), contains("windows")),
                        new Match(field("vulnerabilities.vulnerability.patchAvailable"), new BooleanValue(true))))));
    }

    @Test
    void shouldComposePathsInsideAGroupAndReadNowMinusThreeDaysAsRelative() {
        assertThat(Qql.parse("vulnerabilities: (vulnerability.os: \"windows\" AND firstFound > now-3d)")).isEqualTo(
                new Nested(field("vulnerabilities"), new And(List.of(
                        new Match(field("vulnerabilities.vulnerability.os"), contains("windows")),
                        new Compare(field("vulnerabilities.firstFound"), Comparison.GT,
                                new DateValue.Relative(-3, Value.DateUnit.DAYS))))));
    }

    @Test
    void shouldKeepCveIdsWhole() {
        assertThat(Qql.parse("vulnerabilities.vulnerability.cveIds:CVE-2023-6246"))
                .isEqualTo(new Match(field("vulnerabilities.vulnerability.cveIds"), contains("CVE-2023-6246")));
    }

    @Test
    void shouldResolveTheQagentAlias() {
        assertThat(Qql.parse("operatingSystem.category1:Linux and operatingSystem.category2:Server and asset.trackingMethod:QAGENT"))
                .isEqualTo(new And(List.of(
                        new Match(field("operatingSystem.category1"), contains("Linux")),
                        new Match(field("operatingSystem.category2"), contains("Server")),
                        new Match(field("asset.trackingMethod"), new EnumValue("AGENT", List.of("AGENT"))))));
    }

    @Test
    void shouldCompareWithoutSpaces() {
        assertThat(Qql.parse("asset.riskScore>700")).isEqualTo(new Compare(field("asset.riskScore"), Comparison.GT, NumberValue.of(700)));
    }

    @Test
    void shouldTestPresence() {
        assertThat(Qql.parse("cloud.instanceId:*")).isEqualTo(new Match(field("cloud.instanceId"), new Present()));
    }

    @Test
    void shouldMatchFieldNamesCaseInsensitively() {
        assertThat(Qql.parse("vulnerabilities.typedetected:Confirmed"))
                .isEqualTo(Qql.parse("vulnerabilities.typeDetected:confirmed"));
    }

    @Test
    void shouldReadEveryRelativeDateUnit() {
        Query query = Qql.parse("asset.lastSeen > now-30d or asset.lastSeen < now-12h or asset.created > now-2w"
                + " or asset.lastBoot > now-6M or asset.lastUpdated > now-1y");
        assertThat(((Query.Or) query).operands()).extracting(q -> ((Compare) q).value()).containsExactly(
                new DateValue.Relative(-30, Value.DateUnit.DAYS), new DateValue.Relative(-12, Value.DateUnit.HOURS),
                new DateValue.Relative(-2, Value.DateUnit.WEEKS), new DateValue.Relative(-6, Value.DateUnit.MONTHS),
                new DateValue.Relative(-1, Value.DateUnit.YEARS));
    }

    @ParameterizedTest
    @MethodSource("specExamples")
    void shouldPrintEveryExampleSoThatItParsesBackToTheSameQuery(String example) {
        Query parsed = Qql.parse(example);
        String printed = parsed.toString();
        assertThat(Qql.parse(printed)).isEqualTo(parsed);
        assertThat(Qql.parse(printed).toString()).isEqualTo(printed);
    }

    @Test
    void shouldPrintCanonicalQql() {
        assertThat(Qql.parse("operatingSystem.category:Server and hardware.category2:`Server`").toString())
                .isEqualTo("operatingSystem.category2:Server AND hardware.category2:`Server`");
        assertThat(Qql.parse("vulnerabilities: (vulnerability.os: \"windows\" AND firstFound > now-3d)").toString())
                .isEqualTo("vulnerabilities:(vulnerability.os:windows AND firstFound > now-3d)");
        assertThat(Qql.parse("tags.name: \"Cloud Agent\" or not (a and b or c)").toString())
                .isEqualTo("tags.name:\"Cloud Agent\" OR NOT (a AND b OR c)");
        assertThat(Qql.parse("(a or b) and not c").toString()).isEqualTo("(a OR b) AND NOT c");
    }

    static Field field(String path) {
        return FieldCatalog.standard().find(path).orElseThrow();
    }

    static Text contains(String text) {
        return new Text(text, TextMatch.CONTAINS);
    }
}
