package io.regalia.ingest.xml;

import io.regalia.core.model.IpAddresses;
import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a report has said so far about the one host being read. Each identity setter keeps the first
 * non-null value it is given, so readers call them in order of preference. Odd values (an address that
 * is not an IP, a name with non-ASCII characters) are reported as warnings at the cursor's location.
 */
public final class HostDraft {


    private final SourcePosition at;
    private final String where;
    private String externalId;
    private String name;
    private String hostname;
    private String fqdn;
    private String netbiosName;
    private String agentId;
    private String osName;
    private String macAddress;
    private AssetType type;
    private CloudFacts cloud;
    private Instant lastSeen;
    private String rejectedAddress;
    private final Set<String> addresses = new LinkedHashSet<>();
    private Map<String, OpenPort> openPorts;
    private final List<DetectionObservation> detections = new ArrayList<>();

    /** Starts a host at the given position (usually the cursor on the host's element), which names it in warnings. */
    public HostDraft(SourcePosition at) {
        this.at = at;
        this.where = at.where();
    }

    public HostDraft externalId(String value) {
        if (externalId == null) externalId = value;
        return this;
    }

    /** The scanner's display name for the host; not used to identify it. */
    public HostDraft name(String value) {
        if (name == null) name = value;
        return this;
    }

    /** A DNS name: a dotted one is an FQDN (and gives the short hostname), a bare one a hostname. */
    public HostDraft dnsName(String value) {
        if (value == null || IpAddresses.isLiteral(value)) return this;
        int dot = value.indexOf('.');
        if (dot > 0 && dot < value.length() - 1) {
            fqdn(value);
            hostname(value.substring(0, dot));
        } else {
            hostname(value.endsWith(".") ? value.substring(0, value.length() - 1) : value);
        }
        return this;
    }

    public HostDraft hostname(String value) {
        if (hostname == null && checkedName(value, "hostname")) hostname = value;
        return this;
    }

    public HostDraft fqdn(String value) {
        if (value != null && value.endsWith(".")) value = value.substring(0, value.length() - 1);
        if (fqdn == null && checkedName(value, "FQDN")) fqdn = value;
        return this;
    }

    public HostDraft netbiosName(String value) {
        if (netbiosName == null && checkedName(value, "NetBIOS name")) netbiosName = value;
        return this;
    }

    public HostDraft agentId(String value) {
        if (agentId == null) agentId = value;
        return this;
    }

    /** An IPv4 or IPv6 address; anything else is reported and left out. */
    public HostDraft address(String value) {
        if (value == null) return this;
        String address = value.strip();
        if (IpAddresses.isLiteral(address)) {
            addresses.add(address);
        } else {
            if (rejectedAddress == null) rejectedAddress = address;
            at.warn("'" + address + "' is not a valid IP address; left out of the host's interfaces");
        }
        return this;
    }

    /** The MAC address of the first interface. */
    public HostDraft macAddress(String value) {
        if (macAddress == null && value != null) macAddress = value.strip().toUpperCase(Locale.ROOT);
        return this;
    }

    /** The OS as the scanner names it; category and lifecycle are filled later from the OS catalog. */
    public HostDraft os(String value) {
        if (osName == null) osName = value;
        return this;
    }

    public HostDraft type(AssetType value) {
        if (type == null) type = value;
        return this;
    }

    public HostDraft cloud(CloudFacts value) {
        if (cloud == null) cloud = value;
        return this;
    }

    public HostDraft lastSeen(Instant value) {
        if (lastSeen == null) lastSeen = value;
        return this;
    }

    /** States that the report lists this host's open ports, even if it finds none. */
    public HostDraft portsListed() {
        if (openPorts == null) openPorts = new LinkedHashMap<>();
        return this;
    }

    /** An open port; a later mention of the same port may add the service name. */
    public HostDraft openPort(int port, Protocol protocol, String service) {
        if (port <= 0 || port > 65535 || protocol == null) return this;
        portsListed();
        String key = port + "/" + protocol;
        OpenPort known = openPorts.get(key);
        if (known == null || (known.serviceName() == null && service != null)) {
            openPorts.put(key, new OpenPort(port, protocol, service));
        }
        return this;
    }

    public HostDraft detection(DetectionObservation detection) {
        detections.add(detection);
        return this;
    }

    public int detectionCount() {
        return detections.size();
    }

    /** Sends the host, or a warning when nothing identifies it (the store could not resolve it). */
    public void emit(ReportStream out) {
        HostObservation host = build();
        if (host.hasIdentity()) {
            out.host(host);
        } else {
            String label = name != null ? name : rejectedAddress != null ? rejectedAddress : "(unnamed)";
            out.warning(where, "host " + label + " has no usable identity (IP, DNS, NetBIOS or ID); its "
                    + detections.size() + " detection(s) were skipped");
        }
    }

    HostObservation build() {
        List<NetworkInterface> interfaces = new ArrayList<>();
        for (String address : addresses) {
            interfaces.add(new NetworkInterface(address, null, interfaces.isEmpty() ? macAddress : null));
        }
        if (interfaces.isEmpty() && macAddress != null) interfaces.add(new NetworkInterface(null, null, macAddress));
        String display = name != null ? name : fqdn != null ? fqdn : hostname != null ? hostname
                : netbiosName != null ? netbiosName : addresses.stream().findFirst().orElse(null);
        OperatingSystem os = osName == null ? null : new OperatingSystem(osName, null, null, null, null, null);
        List<OpenPort> ports = openPorts == null ? null : List.copyOf(openPorts.values());
        return new HostObservation(externalId, display, hostname, fqdn, netbiosName, type, agentId, interfaces, os,
                null, cloud, null, ports, lastSeen, null, List.of(), null, detections);
    }

    /** Identity names are matched across scanners; odd characters there are worth a warning, not a failure. */
    private boolean checkedName(String value, String what) {
        if (value == null) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7e || c <= 0x20) {
                at.warn(what + " '" + value + "' contains non-ASCII or blank characters; kept as written");
                break;
            }
        }
        return true;
    }

}
