package io.regalia.core.cmdb;

import java.util.Objects;

/**
 * A business application. {@code criticality} is the CMDB's own value (ServiceNow's stock
 * {@code busines_criticality}, e.g. {@code 1 - most critical}); it and {@code owner} are null when unset.
 */
public record BusinessApplication(String sysId, String name, String criticality, String owner) {
    public BusinessApplication {
        Objects.requireNonNull(sysId, "sysId");
        Objects.requireNonNull(name, "name");
    }
}
