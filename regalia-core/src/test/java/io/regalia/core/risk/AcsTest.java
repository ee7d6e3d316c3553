package io.regalia.core.risk;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcsTest {
    static final ScoringModel MODEL = ScoringModel.defaults();

    @Test
    void shouldTakeTheHighestTagCriticality() {
        Acs acs = Acs.of(List.of(new TagCriticality("Payments", 5), new TagCriticality("Linux", 4),
                new TagCriticality("Berlin", 3)), MODEL);

        assertThat(acs.value()).isEqualTo(5);
        assertThat(acs.setBy()).containsExactly("Payments");
        assertThat(acs.provenance()).isEqualTo("Payments");
        assertThat(acs.isDefault()).isFalse();
    }

    @Test
    void shouldTakeTheMaximumWhereverItSitsInTheList() {
        Acs acs = Acs.of(List.of(new TagCriticality("a", 3), new TagCriticality("b", 4), new TagCriticality("c", 2)), MODEL);

        assertThat(acs.value()).isEqualTo(4);
        assertThat(acs.provenance()).isEqualTo("b");
    }

    @Test
    void shouldNameEveryTagThatSetsTheMaximum() {
        Acs acs = Acs.of(List.of(new TagCriticality("Web", 4), new TagCriticality("DMZ", 4),
                new TagCriticality("Dev", 1), new TagCriticality("Web", 4)), MODEL);

        assertThat(acs.setBy()).containsExactly("DMZ", "Web");
        assertThat(acs.provenance()).isEqualTo("DMZ, Web");
    }

    @Test
    void shouldFallBackToTheDefaultWhenNoTagCarriesACriticality() {
        Acs none = Acs.of(List.of(), MODEL);
        Acs unscored = Acs.of(List.of(new TagCriticality("Linux", null)), MODEL);

        assertThat(none.value()).isEqualTo(2);
        assertThat(none.provenance()).isEqualTo("default");
        assertThat(none.isDefault()).isTrue();
        assertThat(unscored.value()).isEqualTo(2);
        assertThat(unscored.provenance()).isEqualTo("default");
    }

    @Test
    void shouldUseTheModelsDefault() {
        Acs acs = Acs.of(List.of(new TagCriticality("Linux", null)), ScoringModel.parse(Map.of("acs.default", "3")));

        assertThat(acs.value()).isEqualTo(3);
        assertThat(acs.provenance()).isEqualTo("default");
    }

    @Test
    void shouldIgnoreUnscoredTagsBesideScoredOnes() {
        Acs acs = Acs.of(List.of(new TagCriticality("Linux", null), new TagCriticality("Lab", 1)), MODEL);

        assertThat(acs.value()).isEqualTo(1);
        assertThat(acs.provenance()).isEqualTo("Lab");
    }

    @Test
    void shouldRejectACriticalityOutsideOneToFive() {
        assertThatThrownBy(() -> new TagCriticality("x", 6)).hasMessageContaining("1–5");
        assertThatThrownBy(() -> new TagCriticality("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
