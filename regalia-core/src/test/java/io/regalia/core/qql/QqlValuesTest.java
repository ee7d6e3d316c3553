package io.regalia.core.qql;

import io.regalia.core.qql.FieldCatalog.Type;
import io.regalia.core.qql.Query.Compare;
import io.regalia.core.qql.Query.Match;
import io.regalia.core.qql.Value.DateValue;
import io.regalia.core.qql.Value.NumberValue;
import io.regalia.core.qql.Value.SizeUnit;
import io.regalia.core.qql.Value.Text;
import io.regalia.core.qql.Value.TextMatch;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.regalia.core.qql.QqlExamplesTest.contains;
import static io.regalia.core.qql.QqlExamplesTest.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Values the lexer could get wrong, and how each field type reads them. */
class QqlValuesTest {

    private static Value valueOf(String query) {
        Query parsed = Qql.parse(query);
        return parsed instanceof Match m ? m.value() : ((Compare) parsed).value();
    }

    @Test
    void shouldReadWordsWithSlashesDashesDotsAndStarsAsOneValue() {
        assertThat(valueOf("asset.name:EOL/EOS")).isEqualTo(contains("EOL/EOS"));
        assertThat(valueOf("asset.name:win*")).isEqualTo(new Text("win*", TextMatch.GLOB));
        assertThat(valueOf("asset.name:*prod-db*")).isEqualTo(new Text("*prod-db*", TextMatch.GLOB));
        assertThat(valueOf("vulnerabilities.vulnerability.cveIds:CVE-2021-44228")).isEqualTo(contains("CVE-2021-44228"));
        assertThat(valueOf("software.version:1.0*")).isEqualTo(new Text("1.0*", TextMatch.GLOB));
        assertThat(valueOf("asset.fqdn:db01.prod.example.com")).isEqualTo(contains("db01.prod.example.com"));
        assertThat(valueOf("asset.name:now-3d")).isEqualTo(contains("now-3d"));
    }

    @Test
    void shouldNotMistakeWordsThatStartWithKeywordsForKeywords() {
        assertThat(Qql.parse("android or orange and notebook")).isEqualTo(Query.or(List.of(
                new Query.FullText(contains("android")),
                Query.and(List.of(new Query.FullText(contains("orange")), new Query.FullText(contains("notebook")))))));
    }

    @Test
    void shouldReadKeywordsInAnyCase() {
        assertThat(Qql.parse("a And b oR Not c")).isEqualTo(Qql.parse("a AND b OR NOT c"));
        assertThat(Qql.parse("asset.name is Not Null")).isEqualTo(new Query.IsNull(field("asset.name"), true));
    }

    @Test
    void shouldBindNotTighterThanAndAndAndTighterThanOr() {
        Query.FullText a = new Query.FullText(contains("a"));
        Query.FullText b = new Query.FullText(contains("b"));
        Query.FullText c = new Query.FullText(contains("c"));
        assertThat(Qql.parse("NOT a AND b OR c"))
                .isEqualTo(Query.or(List.of(Query.and(List.of(new Query.Not(a), b)), c)));
        assertThat(Qql.parse("a OR b AND c")).isEqualTo(Query.or(List.of(a, Query.and(List.of(b, c)))));
        assertThat(Qql.parse("(a OR b) AND c")).isEqualTo(Query.and(List.of(Query.or(List.of(a, b)), c)));
    }

    @Test
    void shouldTellARangeInParenthesesFromANestedGroup() {
        assertThat(Qql.parse("openPorts.port:(123 .. 1234)")).isInstanceOf(Match.class);
        assertThat(Qql.parse("openPorts:(port:123 or port:1234)")).isInstanceOf(Query.Nested.class);
        assertThat(valueOf("openPorts.port:(123..1234]"))
                .isEqualTo(new Value.Range(NumberValue.of(123), NumberValue.of(1234), false, true));
    }

    @Test
    void shouldAllowWhitespaceAroundColonsAndOperators() {
        assertThat(Qql.parse("openPorts.port : 80")).isEqualTo(Qql.parse("openPorts.port:80"));
        assertThat(Qql.parse("asset.riskScore   >=   700")).isEqualTo(Qql.parse("asset.riskScore>=700"));
        assertThat(Qql.parse("software : ( name : OpenSSL )")).isEqualTo(Qql.parse("software:(name:OpenSSL)"));
    }

    @Test
    void shouldUnescapeOnlyQuotesAndBackslashes() {
        assertThat(valueOf("software.name:\"C:\\Program Files\"")).isEqualTo(contains("C:\\Program Files"));
        assertThat(valueOf("asset.name:\"say \\\"hi\\\"\"")).isEqualTo(contains("say \"hi\""));
        assertThat(valueOf("asset.name:'it\\'s'")).isEqualTo(contains("it's"));
        assertThat(valueOf("asset.name:`a\\\\b`")).isEqualTo(new Text("a\\b", TextMatch.EXACT));
    }

    @Test
    void shouldReadNumbersExactly() {
        assertThat(valueOf("vulnerabilities.riskFactor.epss > 0.970")).isEqualTo(new NumberValue(new BigDecimal("0.97"), null));
        assertThat(valueOf("vulnerabilities.qds:\"80\"")).isEqualTo(NumberValue.of(80));
        assertThat(valueOf("asset.riskScore > -1")).isEqualTo(NumberValue.of(-1));
    }

    @Test
    void shouldAcceptSizeUnitsOnSizeFieldsOnly() {
        var catalog = new FieldCatalog.Builder().top("traffic.total", Type.SIZE).top("asset.id", Type.NUMBER).build();
        var analyzer = new Analyzer(catalog);
        assertThat(((Compare) analyzer.analyze("traffic.total > 10 MB")).value())
                .isEqualTo(new NumberValue(BigDecimal.TEN, SizeUnit.MB))
                .isEqualTo(((Compare) analyzer.analyze("traffic.total > 10mb")).value());
        assertThat(((NumberValue) ((Compare) analyzer.analyze("traffic.total > 1.5 KB")).value()).magnitude())
                .isEqualByComparingTo("1536");
        assertThat(((Match) analyzer.analyze("traffic.total:[512 KB .. 1 GB)")).value().toString())
                .isEqualTo("[512 KB .. 1 GB)");
        assertThat(catchThrowableOfType(QqlException.class, () -> analyzer.analyze("traffic.total:[1 MB .. 512 KB]")).reason())
                .isEqualTo("empty range: the low bound 1 MB is above the high bound 512 KB");
        assertThat(catchThrowableOfType(QqlException.class, () -> analyzer.analyze("asset.id:1 KB")).reason())
                .isEqualTo("asset.id is a number, not a size; the unit 'KB' does not apply");
    }

    @Test
    void shouldReadAbsoluteDatesInUtc() {
        assertThat(valueOf("asset.lastSeen:2026-01-31"))
                .isEqualTo(new DateValue.Absolute(Instant.parse("2026-01-31T00:00:00Z"), true));
        assertThat(valueOf("asset.lastSeen > 2026-01-31T10:00:00Z"))
                .isEqualTo(new DateValue.Absolute(Instant.parse("2026-01-31T10:00:00Z"), false));
        assertThat(valueOf("asset.lastSeen > 2026-01-31T12:00:00+02:00"))
                .isEqualTo(new DateValue.Absolute(Instant.parse("2026-01-31T10:00:00Z"), false));
    }

    @Test
    void shouldResolveRelativeDatesAgainstAClock() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-31T12:00:00Z"), ZoneOffset.UTC);
        assertThat(((DateValue) valueOf("asset.lastSeen > now")).resolve(clock)).isEqualTo("2026-03-31T12:00:00Z");
        assertThat(((DateValue) valueOf("asset.lastSeen > now-30d")).resolve(clock)).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(((DateValue) valueOf("asset.lastSeen > now-12h")).resolve(clock)).isEqualTo("2026-03-31T00:00:00Z");
        assertThat(((DateValue) valueOf("asset.lastSeen > now-2w")).resolve(clock)).isEqualTo("2026-03-17T12:00:00Z");
        assertThat(((DateValue) valueOf("asset.lastSeen > now-1M")).resolve(clock)).isEqualTo("2026-02-28T12:00:00Z");
        assertThat(((DateValue) valueOf("asset.lastSeen > now-1y")).resolve(clock)).isEqualTo("2025-03-31T12:00:00Z");
        assertThat(((DateValue) valueOf("operatingSystem.lifecycle.eol < now+90d")).resolve(clock)).isEqualTo("2026-06-29T12:00:00Z");
        assertThat(((DateValue) valueOf("asset.lastSeen:2026-01-31")).resolve(clock)).isEqualTo("2026-01-31T00:00:00Z");
    }

    @Test
    void shouldReadIpv6AddressesAndPrefixesWithoutQuotes() throws Exception {
        assertThat(valueOf("interfaces.address:fe80::1")).isEqualTo(new Value.IpValue(InetAddress.getByName("fe80::1")));
        assertThat(valueOf("interfaces.address:2001:db8::/32"))
                .isEqualTo(new Value.CidrValue(InetAddress.getByName("2001:db8::"), 32));
        assertThat(valueOf("interfaces.address:\"::1\"")).isEqualTo(new Value.IpValue(InetAddress.getByName("::1")));
    }

    @Test
    void shouldMatchAddressesInACidr() throws Exception {
        var cidr = (Value.CidrValue) valueOf("interfaces.address:10.0.0.0/8");
        assertThat(cidr.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(cidr.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(cidr.contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void shouldReadMacAddressesAndDateTimesAsSingleValues() {
        assertThat(valueOf("interfaces.macAddress:00:1A:2B:3C:4D:5E")).isEqualTo(contains("00:1A:2B:3C:4D:5E"));
        assertThat(Qql.parse("asset.name:2026-01-31T10:00:00Z")).isEqualTo(
                new Match(field("asset.name"), contains("2026-01-31T10:00:00Z")));
    }

    @Test
    void shouldReadEnumsCaseInsensitivelyWithAliases() {
        assertThat(valueOf("asset.trackingMethod:qagent")).isEqualTo(new Value.EnumValue("AGENT", List.of("AGENT")));
        assertThat(valueOf("operatingSystem.lifecycle.stage:eol/eos"))
                .isEqualTo(new Value.EnumValue("EOL/EOS", List.of("EOL", "EOS", "EOL/EOS")));
        assertThat(valueOf("vulnerabilities.status:REOPENED")).isEqualTo(new Value.EnumValue("Re-Opened", List.of("Re-Opened")));
        assertThat(valueOf("openPorts.protocol:`tcp`")).isEqualTo(new Value.EnumValue("TCP", List.of("TCP")));
    }

    @Test
    void shouldAllowIpRangesAndPresenceOnGroups() throws Exception {
        assertThat(valueOf("interfaces.address:[10.0.0.1 .. 10.0.0.9]")).isEqualTo(new Value.Range(
                new Value.IpValue(InetAddress.getByName("10.0.0.1")), new Value.IpValue(InetAddress.getByName("10.0.0.9")), true, true));
        assertThat(Qql.parse("software:*")).isEqualTo(new Match(field("software"), new Value.Present()));
        assertThat(Qql.parse("software IS NULL")).isEqualTo(new Query.IsNull(field("software"), false));
    }

    @Test
    void shouldTakeABareStarAsAFullTextGlobForEverything() {
        assertThat(Qql.parse("*")).isEqualTo(new Query.FullText(new Text("*", TextMatch.GLOB)));
    }

    @Test
    void shouldNestAGroupInsideAGroup() {
        assertThat(Qql.parse("vulnerabilities:(status:Active and vulnerability:(qid:38170))")).isEqualTo(
                new Query.Nested(field("vulnerabilities"), Query.and(List.of(
                        new Match(field("vulnerabilities.status"), new Value.EnumValue("Active", List.of("Active"))),
                        new Query.Nested(field("vulnerabilities.vulnerability"),
                                new Match(field("vulnerabilities.vulnerability.qid"), NumberValue.of(38170)))))));
    }
}
