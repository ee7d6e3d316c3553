package io.regalia.core.cmdb;

import java.util.Objects;

/**
 * A server or computer as the CMDB describes it; any attribute but {@code sysId} may be null. Readers
 * give {@code ipAddress} only when it is a literal IPv4 or IPv6 address.
 */
public record ConfigurationItem(String sysId, String name, String fqdn, String ipAddress, String serialNumber, String os,
                                String className) {
    public ConfigurationItem {
        Objects.requireNonNull(sysId, "sysId");
    }

    /** A short human label: the name, else the FQDN, else the address, else the id. */
    public String label() {
        return name != null ? name : fqdn != null ? fqdn : ipAddress != null ? ipAddress : sysId;
    }
}
