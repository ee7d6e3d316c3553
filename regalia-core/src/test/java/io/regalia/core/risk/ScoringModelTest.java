package io.regalia.core.risk;

import io.regalia.core.report.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringModelTest {

    @Test
    void shouldCarryTheDocumentedDefaults() {
        ScoringModel m = ScoringModel.defaults();

        assertThat(m.version()).isEqualTo("regalia-2026.1");
        assertThat(m.defaultAcs()).isEqualTo(2);
        assertThat(m.formula()).isEqualTo(ScoringModel.Formula.V1);
        assertThat(m.v1Weights()).isEqualTo(new ScoringModel.BandWeights(1.0, 0.70, 0.45, 0.10));
        assertThat(m.v2Weights()).isEqualTo(new ScoringModel.BandWeights(2.0, 1.0, 0.3, 0.05));
        assertThat(m.exposureFactor()).isEqualTo(1.2);
        assertThat(m.likelihood()).isEqualTo(new ScoringModel.LikelihoodWeights(0.50, 0.35, 0.15));
        assertThat(m.threatBase()).isEqualTo(90);
        assertThat(m.trendingWindowDays()).isEqualTo(30);
        assertThat(m.v1Weights().of(QdsBand.HIGH)).isEqualTo(0.70);
    }

    @Test
    void shouldParseOverridesFromPropertiesText() {
        ScoringModel m = ScoringModel.parse("""
                # stricter on exposure, v2 formula
                version = acme-2026.2
                formula: v2
                exposure.factor=1.5
                v2.weight.low = 0.1
                """);

        assertThat(m.version()).isEqualTo("acme-2026.2");
        assertThat(m.formula()).isEqualTo(ScoringModel.Formula.V2);
        assertThat(m.exposureFactor()).isEqualTo(1.5);
        assertThat(m.v2Weights().low()).isEqualTo(0.1);
        assertThat(m.v2Weights().critical()).isEqualTo(2.0);
        assertThat(m.v1Weights()).isEqualTo(ScoringModel.defaults().v1Weights());
    }

    @Test
    void shouldKeepTheBuiltInVersionOnlyForTheBuiltInValues() {
        assertThat(ScoringModel.parse(Map.of())).isEqualTo(ScoringModel.defaults());
        assertThat(ScoringModel.parse(Map.of("v1.weight.high", "0.70"))).isEqualTo(ScoringModel.defaults());

        ScoringModel custom = ScoringModel.parse(Map.of("v1.weight.high", "0.8"));
        ScoringModel same = ScoringModel.parse(Map.of("v1.weight.high", "0.80"));
        ScoringModel other = ScoringModel.parse(Map.of("v1.weight.high", "0.9"));

        assertThat(custom.version()).matches("regalia-2026\\.1\\+custom\\.[0-9a-f]{8}");
        assertThat(same.version()).isEqualTo(custom.version());
        assertThat(other.version()).isNotEqualTo(custom.version());
    }

    @Test
    void shouldRoundTripThroughItsMap() {
        ScoringModel m = ScoringModel.parse(Map.of("formula", "V2", "acs.default", "3", "likelihood.trending", "0.1"));

        assertThat(ScoringModel.parse(m.toMap())).isEqualTo(m);
        assertThat(m.toMap()).containsEntry("formula", "v2").containsEntry("acs.default", "3");
    }

    @Test
    void shouldNameTheKeyOfAnUnknownSetting() {
        assertThatThrownBy(() -> ScoringModel.parse(Map.of("v1.weight.hihg", "0.7")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("scoring model key v1.weight.hihg: unknown")
                .hasMessageContaining("v1.weight.high");
    }

    @Test
    void shouldNameTheKeyOfAValueThatIsNotANumber() {
        assertThatThrownBy(() -> ScoringModel.parse("exposure.factor = high"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("scoring model key exposure.factor: not a number: 'high'");
        assertThatThrownBy(() -> ScoringModel.parse("acs.default = 2.5"))
                .hasMessage("scoring model key acs.default: not an integer: '2.5'");
        assertThatThrownBy(() -> ScoringModel.parse("v2.weight.low = NaN"))
                .hasMessageStartingWith("scoring model key v2.weight.low: ");
        assertThatThrownBy(() -> ScoringModel.parse("formula = v3"))
                .hasMessage("scoring model key formula: must be v1 or v2, got 'v3'");
        assertThatThrownBy(() -> ScoringModel.parse("version ="))
                .hasMessage("scoring model key version: missing value");
    }

    @Test
    void shouldNameTheKeyOfAValueOutOfRange() {
        assertThatThrownBy(() -> ScoringModel.parse(Map.of("acs.default", "6")))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("scoring model key acs.default: ");
        assertThatThrownBy(() -> ScoringModel.parse(Map.of("v1.weight.low", "-0.1")))
                .hasMessageStartingWith("scoring model key v1.weight.low: ");
        assertThatThrownBy(() -> ScoringModel.parse(Map.of("exposure.factor", "0.8")))
                .hasMessageStartingWith("scoring model key exposure.factor: ");
        assertThatThrownBy(() -> ScoringModel.parse(Map.of("threat.base", "101")))
                .hasMessageStartingWith("scoring model key threat.base: ");
        assertThatThrownBy(() -> ScoringModel.parse(Map.of("trending.windowDays", "-1")))
                .hasMessageStartingWith("scoring model key trending.windowDays: ");
        assertThatThrownBy(() -> ScoringModel.parse(Map.of("likelihood.epss", "0.5")))
                .hasMessageContaining("likelihood").hasMessageContaining("at most 1");
    }
}
