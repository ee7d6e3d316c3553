package io.regalia.core.qql;

import io.regalia.core.report.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A bad query never reaches the database: each one fails with the column and a message that says why. */
class QqlErrorsTest {

    static Stream<Arguments> badQueries() {
        return Stream.of(
                // Syntax.
                arguments("empty query", "   ", 1, "empty query"),
                arguments("value missing at the end", "operatingSystem.category:", 26,
                        "expected a value after ':' but found end of query"),
                arguments("value missing before AND", "asset.name: AND asset.id:1", 13,
                        "expected a value after ':' but found 'AND'"),
                arguments("two terms without an operator", "asset.name:foo hardware.category:x", 16,
                        "missing AND/OR at column 16: join the two terms with AND or OR"),
                arguments("two bare values", "web prod", 5, "missing AND/OR at column 5: join the two terms with AND or OR"),
                arguments("operator at the end", "asset.name:x AND", 17, "expected a term after 'AND' but found end of query"),
                arguments("two operators", "asset.name:x or OR asset.name:y", 17, "expected a term after 'OR' but found 'OR'"),
                arguments("query starting with an operator", "and asset.name:x", 1, "expected a term but found 'AND'"),
                arguments("NOT alone", "NOT", 4, "expected a term after 'NOT' but found end of query"),
                arguments("comparison without a value", "asset.riskScore >", 18, "expected a value after '>' but found end of query"),
                arguments("IS without NULL", "asset.name IS empty", 15, "expected NULL or NOT NULL after 'IS' but found 'empty'"),
                arguments("IS NOT without NULL", "asset.name is not x", 19, "expected NULL after 'IS NOT' but found 'x'"),
                arguments("unclosed parenthesis", "(asset.name:x or asset.id:1", 1,
                        "unbalanced '(': expected ')' to close it but found end of query"),
                arguments("extra closing parenthesis", "asset.name:x)", 13, "unbalanced ')': there is no '(' before it"),
                arguments("unclosed bracket", "asset.name:[a, b", 12, "unbalanced '[': expected ']' to close it but found end of query"),
                arguments("mismatched closer", "(asset.name:x]", 14, "expected AND, OR or ')' but found ']'"),
                arguments("unterminated double quote", "asset.name:\"abc", 12,
                        "unterminated quote: expected a closing \" but found end of query"),
                arguments("unterminated backtick", "asset.name:`abc", 12,
                        "unterminated quote: expected a closing ` but found end of query"),
                arguments("list without commas", "asset.name:[a b]", 15, "expected ',', '..' or ']' but found 'b'"),
                arguments("list with a missing comma", "asset.name:[a, b c]", 18, "expected ',' or ']' but found 'c'"),
                arguments("empty list", "asset.name:[]", 13, "expected a value after '[' but found ']'"),
                arguments("range with three bounds", "openPorts.port:[1 .. 2 .. 3]", 24,
                        "expected ']' or ')' to close the range but found '..'"),
                arguments("empty parentheses after a field", "software:()", 11,
                        "expected a range or a sub-query after '(' but found ')'"),
                arguments("second colon", "a:b:c", 4, "expected AND, OR or end of query but found ':'"),
                arguments("stray character", "asset.name:x!", 13, "unexpected character '!' (negate with NOT)"),
                // Fields.
                arguments("misspelled field", "operatingSytem.category:Server", 1,
                        "unknown field 'operatingSytem.category'; did you mean operatingSystem.category?"),
                arguments("field without its prefix", "hostname:web", 1,
                        "unknown field 'hostname'; did you mean asset.hostname or interfaces.hostname?"),
                arguments("unknown sub-field in a group", "software:(nme:openssl)", 11,
                        "unknown field 'nme' in software; did you mean name?"),
                arguments("a field of another group inside a group", "software:(name:x and asset.name:y)", 22,
                        "unknown field 'asset.name' in software; did you mean name?"),
                arguments("nested group on a text field", "asset.name:(web or db)", 12,
                        "asset.name is text, not a group; only software, openPorts, interfaces, tags, vulnerabilities,"
                                + " vulnerabilities.vulnerability or vulnerabilities.riskFactor take field:( ... );"
                                + " for any of several values write asset.name:[a, b]"),
                arguments("value on a group", "software:openssl", 10,
                        "software is a group; match its fields together with software:(name:...) or one at a time with software.name:..."),
                arguments("bare value inside a group", "software:(openssl)", 11,
                        "a bare value cannot stand inside software:( ... ); name a field such as name:openssl"),
                // Types.
                arguments("text for a number", "openPorts.port:abc", 16, "openPorts.port is a number; 'abc' is not"),
                arguments("glob for a number", "openPorts.port:8*", 16, "openPorts.port is a number; '8*' is not"),
                arguments("unknown enum constant", "asset.type:SERVER", 12,
                        "asset.type is one of HOST, CLOUD_INSTANCE, CONTAINER, NETWORK_DEVICE, WEB_APP, UNKNOWN; 'SERVER' is not"),
                arguments("bad enum in a list", "vulnerabilities.status:[New, Closed]", 30,
                        "vulnerabilities.status is one of New, Active, Fixed, Re-Opened; 'Closed' is not"),
                arguments("not a boolean", "cloud.hasPublicIp:yes", 19, "cloud.hasPublicIp is true or false; 'yes' is not"),
                arguments("impossible day", "asset.lastSeen:2026-02-30", 16,
                        "asset.lastSeen is a date; '2026-02-30' is not (there is no such day)"),
                arguments("unreadable date", "asset.lastSeen > yesterday", 18,
                        "asset.lastSeen is a date; 'yesterday' is not (write 2026-01-31, 2026-01-31T10:00:00Z, now or now-30d)"),
                arguments("minutes in a relative date", "asset.lastSeen > now-5m", 18,
                        "asset.lastSeen is a date; 'now-5m' is not ('m' would be minutes, which dates do not take; months are 'M')"),
                arguments("bad IP address", "interfaces.address:10.0.0.256", 20,
                        "interfaces.address is an IP address or CIDR; '10.0.0.256' is not"),
                arguments("host name for an IP", "cloud.publicIpAddress:example.com", 23,
                        "cloud.publicIpAddress is an IP address or CIDR; 'example.com' is not"),
                arguments("CIDR prefix too long", "interfaces.address:10.0.0.0/33", 20,
                        "bad CIDR '10.0.0.0/33': the prefix length must be 0 to 32"),
                arguments("CIDR with host bits", "interfaces.address:10.0.0.1/8", 20,
                        "bad CIDR '10.0.0.1/8': bits are set past the /8 prefix; the network is 10.0.0.0/8"),
                arguments("range on a text field", "asset.name:[a .. z]", 12,
                        "a range needs a number, date or IP address field; asset.name is text (for any of several values write [a, b])"),
                arguments("range low above high", "openPorts.port:[1234 .. 123]", 16,
                        "empty range: the low bound 1234 is above the high bound 123"),
                arguments("relative range backwards", "asset.lastSeen:[now-1d .. now-3d]", 16,
                        "empty range: the low bound now-1d is above the high bound now-3d"),
                arguments("open range with equal bounds", "asset.id:(1 .. 1)", 10,
                        "empty range: an open bound at 1 leaves nothing between equal bounds; write asset.id:1 or use [ ]"),
                arguments("comparison on a text field", "asset.name > 5", 12,
                        "'>' compares numbers and dates; asset.name is text (match it with ':')"),
                arguments("comparison on a boolean", "cloud.hasPublicIp = true", 19,
                        "'=' compares numbers and dates; cloud.hasPublicIp is a boolean (match it with ':')"),
                arguments("unit on a number field", "openPorts.port: 10 MB", 20,
                        "openPorts.port is a number, not a size; the unit 'MB' does not apply"),
                arguments("unit written into the number", "asset.riskScore > 10kb", 19,
                        "asset.riskScore is a number, not a size; the unit 'kb' does not apply"),
                arguments("unit on a text field", "asset.name:10 GB", 15, "asset.name is text, not a size; the unit 'GB' does not apply"),
                arguments("presence inside a list", "asset.name:[a, *]", 16, "'*' (any value) cannot be in a list; write asset.name:*"),
                arguments("empty quoted value", "asset.name:\"\"", 12, "empty value; to test that a field is set write field:*"),
                arguments("CIDR as a range bound", "interfaces.address:[10.0.0.0/8 .. 10.0.0.9]", 21,
                        "range bounds are addresses, not networks; '10.0.0.0/8' is a CIDR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void shouldRejectABadQueryWithItsColumnAndReason(String kind, String query, int column, String reason) {
        QqlException e = catchThrowableOfType(QqlException.class, () -> Qql.parse(query));
        assertThat(e).as(kind).isNotNull();
        assertThat(e.column()).as(kind).isEqualTo(column);
        assertThat(e.reason()).as(kind).isEqualTo(reason);
        assertThat(e.getMessage()).isEqualTo("qql: column " + column + ": " + reason).isEqualTo(e.message());
        assertThat(e.query()).isEqualTo(query);
    }

    @Test
    void shouldKeepTheMessageOnOneLineWhenAQuotedValueHoldsALineBreak() {
        QqlException e = catchThrowableOfType(QqlException.class, () -> Qql.parse("asset.name IS \" web \r\n \""));
        assertThat(e.getMessage())
                .isEqualTo("qql: line 1, column 15: expected NULL or NOT NULL after 'IS' but found '\" web \\r\\n \"'");
    }

    @Test
    void shouldShowTheQueryAndACaretUnderTheColumn() {
        QqlException e = catchThrowableOfType(QqlException.class, () -> Qql.parse("operatingSystem.category:"));
        assertThat(e.pretty()).isEqualTo("""
                qql: column 26: expected a value after ':' but found end of query
                  operatingSystem.category:
                                           ^""");
        assertThat(e.expected()).isEqualTo("a value after ':'");
        assertThat(e.found()).isEqualTo("end of query");
    }

    @Test
    void shouldBeABadInputExceptionSoCallersMapItToExitCodeTwoAndHttp400() {
        assertThat(catchThrowableOfType(BadInputException.class, () -> Qql.parse("openPorts.port:abc")))
                .isInstanceOf(QqlException.class)
                .extracting(BadInputException::where).isEqualTo("qql: column 16");
    }

    @Test
    void shouldNameTheLineWhenTheQueryHasSeveral() {
        QqlException e = catchThrowableOfType(QqlException.class,
                () -> Qql.parse("asset.name:web*\n\tand openPorts.port:abc"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(21);
        assertThat(e.getMessage()).isEqualTo("qql: line 2, column 21: openPorts.port is a number; 'abc' is not");
        assertThat(e.pretty()).endsWith("\n  \tand openPorts.port:abc\n  \t                   ^");
    }

    @Test
    void shouldCountColumnsInCharactersNotUtf16Units() {
        QqlException e = catchThrowableOfType(QqlException.class, () -> Qql.parse("asset.name:\"\uD83D\uDE80\" openPorts.port:x"));
        assertThat(e.column()).isEqualTo(16);
    }

    @Test
    void shouldRefuseNestingDeepEnoughToExhaustTheStack() {
        String deep = "(".repeat(10_000) + "a" + ")".repeat(10_000);
        QqlException e = catchThrowableOfType(QqlException.class, () -> Qql.parse(deep));
        assertThat(e.column()).isEqualTo(66);
        assertThat(e.reason()).isEqualTo("too deeply nested: at most 64 levels of parentheses, brackets or NOT");
        assertThat(catchThrowableOfType(QqlException.class, () -> Qql.parse("NOT ".repeat(10_000) + "a"))).isNotNull();
        assertThat(Qql.parse("(".repeat(64) + "a" + ")".repeat(64))).isEqualTo(Qql.parse("a"));
    }

    @Test
    void shouldRejectNullInsteadOfTreatingItAsEmpty() {
        assertThat(catchThrowableOfType(NullPointerException.class, () -> Qql.parse(null))).isNotNull();
    }
}
