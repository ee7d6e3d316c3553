package io.regalia.core.risk;

import io.regalia.core.model.ExploitMaturity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CvssTest {

    static Cvss.Parsed parsed(String vector) {
        Cvss.Reading reading = Cvss.parse(vector);
        assertThat(reading).as(vector).isInstanceOf(Cvss.Parsed.class);
        return (Cvss.Parsed) reading;
    }

    static Cvss.Malformed malformed(String vector) {
        Cvss.Reading reading = Cvss.parse(vector);
        assertThat(reading).as(vector).isInstanceOf(Cvss.Malformed.class);
        return (Cvss.Malformed) reading;
    }

    @Test
    void shouldScoreVersion2VectorsInTheFormsScannersWriteThem() {
        // CVE-2021-44420 as NVD publishes it: v2 7.5
        assertThat(parsed("AV:N/AC:L/Au:N/C:P/I:P/A:P").baseScore()).isEqualTo(7.5);
        assertThat(parsed("(AV:N/AC:L/Au:N/C:P/I:P/A:P)").baseScore()).isEqualTo(7.5);
        assertThat(parsed("CVSS2#AV:N/AC:L/Au:N/C:C/I:C/A:C").baseScore()).isEqualTo(10.0);
        assertThat(parsed("CVSS:2.0/AV:N/AC:M/Au:N/C:N/I:N/A:P").baseScore()).isEqualTo(4.3);
        assertThat(parsed("AV:N/AC:L/Au:N/C:P/I:P/A:P").version()).isEqualTo(CvssSource.V2);
    }

    @Test
    void shouldScoreVersion3VectorsWithTheirOwnVersion() {
        Cvss.Parsed log4shell = parsed("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
        assertThat(log4shell.baseScore()).isEqualTo(10.0);
        assertThat(log4shell.version()).isEqualTo(CvssSource.V3_1);
        assertThat(log4shell.exploitMaturity()).isNull();
        // CVE-2021-44420 v3.1: 7.3
        assertThat(parsed("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L").baseScore()).isEqualTo(7.3);
        Cvss.Parsed v30 = parsed("CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H");
        assertThat(v30.version()).isEqualTo(CvssSource.V3_0);
        assertThat(v30.baseScore()).isEqualTo(5.5);
    }

    @Test
    void shouldReadTheVersion3TemporalExploitMetric() {
        String base = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        assertThat(parsed(base + "/E:U").exploitMaturity()).isEqualTo(ExploitMaturity.NONE);
        assertThat(parsed(base + "/E:P").exploitMaturity()).isEqualTo(ExploitMaturity.PROOF_OF_CONCEPT);
        assertThat(parsed(base + "/E:F").exploitMaturity()).isEqualTo(ExploitMaturity.FUNCTIONAL);
        assertThat(parsed(base + "/E:H").exploitMaturity()).isEqualTo(ExploitMaturity.WEAPONIZED);
        assertThat(parsed(base + "/E:X").exploitMaturity()).isNull();
        // the base score ignores temporal metrics
        assertThat(parsed(base + "/E:U").baseScore()).isEqualTo(9.8);
        assertThat(parsed(base + "/E:H").attacked()).isFalse();
    }

    @Test
    void shouldScoreVersion4VectorsAsBaseOnly() {
        String base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        assertThat(parsed(base).baseScore()).isEqualTo(9.3);
        assertThat(parsed(base).version()).isEqualTo(CvssSource.V4_0);
        assertThat(parsed("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H").baseScore()).isEqualTo(10.0);
        assertThat(parsed("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N").baseScore()).isEqualTo(0.0);
        // E:U would lower CVSS-BT to 8.1; the base score stays CVSS-B
        assertThat(parsed(base + "/E:U").baseScore()).isEqualTo(9.3);
        assertThat(parsed(base + "/E:U/CR:L/MAV:P").baseScore()).isEqualTo(9.3);
    }

    @Test
    void shouldReadTheVersion4ExploitMaturityAndAttackedSignal() {
        String base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        assertThat(parsed(base + "/E:U").exploitMaturity()).isEqualTo(ExploitMaturity.NONE);
        assertThat(parsed(base + "/E:P").exploitMaturity()).isEqualTo(ExploitMaturity.PROOF_OF_CONCEPT);
        Cvss.Parsed attacked = parsed(base + "/E:A");
        assertThat(attacked.exploitMaturity()).isEqualTo(ExploitMaturity.WEAPONIZED);
        assertThat(attacked.attacked()).isTrue();
        assertThat(parsed(base).exploitMaturity()).isNull();
        assertThat(parsed(base).attacked()).isFalse();
        assertThat(parsed(base + "/E:X").exploitMaturity()).isNull();
    }

    @Test
    void shouldReturnMalformedVectorsAsValuesWithAReason() {
        assertThat(malformed("garbage").reason()).isNotBlank();
        assertThat(malformed("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H").reason()).contains("segments");
        assertThat(malformed("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z").reason()).contains("E");
        assertThat(malformed("CVSS:4.0/AV:N").reason()).isNotBlank();
        assertThat(malformed("cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h").vector())
                .isEqualTo("cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h");
        assertThat(malformed("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L").reason())
                .isEqualTo("metric A appears more than once");
        assertThat(malformed("(AV:N/AC:L/Au:N/C:P/I:P/A:P/AV:L)").reason()).isEqualTo("metric AV appears more than once");
        assertThat(malformed("").reason()).isEqualTo("empty vector");
        assertThat(malformed(null).reason()).isEqualTo("empty vector");
        assertThat(malformed("CVSS:9.9/AV:N").message()).startsWith("malformed CVSS vector 'CVSS:9.9/AV:N': ");
    }

    @Test
    void shouldToleratePaddingAroundAVector() {
        assertThat(parsed("  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H \n").vector())
                .isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    }

    @Test
    void shouldPreferVersion4ThenVersion3ThenVersion2() {
        String v2 = "AV:N/AC:L/Au:N/C:P/I:P/A:P";
        String v30 = "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H";
        String v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L";
        String v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

        assertThat(Cvss.preferred(v2, v31, v4).orElseThrow().version()).isEqualTo(CvssSource.V4_0);
        assertThat(Cvss.preferred(v2, v30, v31).orElseThrow().version()).isEqualTo(CvssSource.V3_1);
        assertThat(Cvss.preferred(v2, v30).orElseThrow().version()).isEqualTo(CvssSource.V3_0);
        assertThat(Cvss.preferred(null, "broken", v2).orElseThrow().version()).isEqualTo(CvssSource.V2);
        assertThat(Cvss.preferred(null, " ", "CVSS:4.0/broken")).isEmpty();
    }

    @Test
    void shouldMapSeverityToTheTopOfItsCvssRange() {
        assertThat(Cvss.fromSeverity(1).base()).isEqualTo(1.9);
        assertThat(Cvss.fromSeverity(2).base()).isEqualTo(3.9);
        assertThat(Cvss.fromSeverity(3).base()).isEqualTo(6.9);
        assertThat(Cvss.fromSeverity(4).base()).isEqualTo(8.9);
        assertThat(Cvss.fromSeverity(5).base()).isEqualTo(10.0);
        assertThat(Cvss.fromSeverity(5).source()).isEqualTo(CvssSource.SEVERITY);
        assertThatThrownBy(() -> Cvss.fromSeverity(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void parsingNeverThrows(@ForAll String anything) {
        Cvss.Reading reading = Cvss.parse(anything);

        if (reading instanceof Cvss.Parsed p) assertThat(p.baseScore()).isBetween(0.0, 10.0);
        else assertThat(((Cvss.Malformed) reading).reason()).isNotNull();
    }

    @Property
    void mangledRealVectorsNeverThrow(@ForAll("mangled") String vector) {
        assertThat(Cvss.parse(vector)).isNotNull();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> mangled() {
        String[] real = {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P", "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:F"};
        return net.jqwik.api.Arbitraries.of(real).flatMap(v -> net.jqwik.api.Arbitraries.integers().between(0, v.length())
                .flatMap(cut -> net.jqwik.api.Arbitraries.of("", "/", ":", "X", "/E:", "//", "/AV:Q", "/Z:Z")
                        .map(junk -> v.substring(0, cut) + junk + v.substring(cut))));
    }
}
