package io.regalia.core.qql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Whatever a user types, the answer is a query or a QqlException with a column inside the query, never a crash. */
class QqlRobustnessPropertyTest {

    @Property(tries = 3000)
    void shouldAnswerAnyInputWithAQueryOrAPositionedError(@ForAll("inputs") String input) {
        Throwable thrown = catchThrowable(() -> Qql.parse(input));
        if (thrown == null) return;
        assertThat(thrown).as(input).isInstanceOf(QqlException.class);
        QqlException e = (QqlException) thrown;
        String line = input.lines().skip(e.line() - 1L).findFirst().orElse("");
        assertThat(e.column()).as(input).isBetween(1, line.codePointCount(0, line.length()) + 1);
        assertThat(e.getMessage()).as(input).doesNotContain("\n").startsWith("qql: ");
    }

    @Provide
    Arbitrary<String> inputs() {
        Arbitrary<String> pieces = Arbitraries.of("asset.name", "openPorts.port", "software", "vulnerabilities",
                "vulnerability.os", "name", "asset.lastSeen", "interfaces.address", "asset.type", "cloud.hasPublicIp",
                ":", ":", "(", ")", "[", "]", ",", "..", ">", ">=", "=", "AND", "or", "NOT", "IS", "NULL", "*", "win*",
                "\"a b\"", "'x'", "`y`", "\"", "`", "'", "80", "1.5", "10 MB", "kb", "now-3d", "now-5m", "now+2M",
                "2026-01-31", "2026-02-30", "2026-01-31T10:00:00Z", "2026-01-31T25:00", "10.0.0.0/8", "10.0.0.1/8",
                "fe80::1", "::", "00:1A:2B:3C:4D:5E", "HOST", "true", "\\", ".", "!", "\n", " ", " ", "é", "\uD83D\uDE80");
        return Arbitraries.oneOf(
                pieces.list().ofMinSize(0).ofMaxSize(10).map(list -> String.join(" ", list)),
                pieces.list().ofMinSize(0).ofMaxSize(10).map(list -> String.join("", list)));
    }
}
