package io.regalia.core.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Literal IP checks that never touch DNS: reports carry odd addresses (192.168.1.1001) that must not abort an import. */
public final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {}

    public static boolean isLiteral(String text) {
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
