package io.regalia.ingest.cmdb;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Literal IP checks that never touch DNS. */
final class IpLiterals {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {}

    static boolean isLiteral(String text) {
        if (text == null || text.isEmpty()) return false;
        if (IPV4.matcher(text).matches()) return true;
        if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) return false;
        try {
            InetAddress.getByName(text); // a literal IPv6 address is parsed, never resolved
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
