package io.regalia.ingest.csv;

import io.regalia.core.model.IpAddresses;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;

import java.util.regex.Pattern;

/** IP address checks that never touch the network (no name lookups). */
final class Addresses {
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.]+)?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[\\d.]+");

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    private Addresses() {}

    /**
     * The valid addresses of a cell holding one or several ("10.0.0.1, 10.0.0.2"); each invalid one is
     * reported as a warning at {@code where} and left out.
     */
    static java.util.List<String> validIn(String cell, String where, ReportSink sink) {
        if (cell == null) return java.util.List.of();
        var valid = new java.util.ArrayList<String>();
        for (String candidate : SEPARATORS.split(cell.trim())) {
            if (candidate.isEmpty()) continue;
            if (isIpAddress(candidate)) valid.add(candidate);
            else sink.accept(new ReportEvent.Warning(where, "\"" + candidate
                    + "\" is not a valid IP address; not used as an interface"));
        }
        return valid;
    }

    static boolean isIpAddress(String text) {
        return IpAddresses.isLiteral(text);
    }

    /** Text that was meant as an address ("192.168.1.1001") rather than a host name. */
    static boolean looksLikeAddress(String text) {
        return text != null && (DOTTED_NUMBERS.matcher(text).matches() || IPV6_CHARS.matcher(text).matches() && text.contains(":"));
    }
}
