package io.regalia.core.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrioritizationTest {

    @Test
    void shouldMeasureHowMuchShorterTheQdsListIs() {
        Prioritization p = Prioritization.of(200, 30, 900, 270);

        assertThat(p.critical().byCvss()).isEqualTo(200);
        assertThat(p.critical().byQds()).isEqualTo(30);
        assertThat(p.critical().reduction()).isCloseTo(0.85, within(1e-12));
        assertThat(p.high().reduction()).isCloseTo(0.70, within(1e-12));
    }

    @Test
    void shouldLeaveTheReductionUndefinedWithoutCvssCriticals() {
        assertThat(Prioritization.Reduction.of(0, 0).reduction()).isNull();
        assertThat(Prioritization.Reduction.of(0, 5).reduction()).isNull();
    }

    @Test
    void shouldReportANegativeReductionWhenQdsFlagsMore() {
        assertThat(Prioritization.Reduction.of(4, 5).reduction()).isCloseTo(-0.25, within(1e-12));
    }
}
