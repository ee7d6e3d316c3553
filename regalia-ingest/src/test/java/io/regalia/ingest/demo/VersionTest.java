package io.regalia.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void shouldOrderVendorVersionsNumericallyAndByLetterSuffix() {
        assertThat(Version.compare("1.0.2k", "1.0.2zd")).isNegative();
        assertThat(Version.compare("1.1.1", "1.1.1a")).isNegative();
        assertThat(Version.compare("3.0.13", "3.0.2")).isPositive();
        assertThat(Version.compare("8.9p1", "9.3p2")).isNegative();
        assertThat(Version.compare("9.6p1", "9.8p1")).isNegative();
        assertThat(Version.compare("1.8.0_402", "11.0.16")).isNegative();
        assertThat(Version.compare("16.0.4266.1001", "16.0.14332.20447")).isNegative();
        assertThat(Version.compare("2.4.49", "2.4.49")).isZero();
    }

    @Test
    void shouldTreatRangesAsHalfOpen() {
        Version.Range r = Version.Range.parse("[2.4.49,2.4.50)");
        assertThat(r.contains("2.4.49")).isTrue();
        assertThat(r.contains("2.4.50")).isFalse();
        assertThat(r.contains("2.4.48")).isFalse();
        assertThat(Version.Range.parse("[8.5p1,9.8p1)").contains("9.6p1")).isTrue();
    }
}
