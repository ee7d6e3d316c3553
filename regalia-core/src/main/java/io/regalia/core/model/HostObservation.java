package io.regalia.core.model;

import java.time.Instant;
import java.util.List;

/**
 * Everything one report says about one host. Null means "not stated" (the stored value is kept);
 * empty lists mean "stated as none" only for lists the report is authoritative for.
 */
public record HostObservation(String externalId, String name, String hostname, String fqdn, String netbiosName,
                              AssetType type, String agentId, List<NetworkInterface> interfaces,
                              OperatingSystem os, Hardware hardware, CloudFacts cloud, List<Software> software,
                              List<OpenPort> openPorts, Instant lastSeen, Instant lastBoot, List<String> tags,
                              Boolean externallyExposed, List<DetectionObservation> detections) {
    public HostObservation {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        tags = tags == null ? List.of() : List.copyOf(tags);
        detections = detections == null ? List.of() : List.copyOf(detections);
        software = software == null ? null : List.copyOf(software);
        openPorts = openPorts == null ? null : List.copyOf(openPorts);
    }

    /** True when the observation names at least one identity the store can resolve it by. */
    public boolean hasIdentity() {
        return externalId != null || agentId != null || (cloud != null && cloud.instanceId() != null)
                || fqdn != null || netbiosName != null || hostname != null
                || interfaces.stream().anyMatch(i -> i.address() != null);
    }
}
