package io.regalia.store.tag;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a tag finds its members: by hand ({@link #STATIC}) or by a rule evaluated on every asset. The names
 * are those of Qualys tag rule types, so rules exported from Qualys keep their type.
 */
public enum RuleType {
    STATIC, GLOBAL_ASSET_VIEW, NAME_CONTAINS, OS_REGEX, NETWORK_RANGE, OPEN_PORTS, INSTALLED_SOFTWARE, VULN_EXIST,
    CLOUD_ASSET;

    /** Qualys types that would run user code on the server; never executed here. */
    private static final Set<String> REFUSED = Set.of("GROOVY");

    /**
     * The type named, case-insensitively.
     *
     * @throws TagException naming the supported types when the name is unknown or refused
     */
    /** True for the stored rule types this engine evaluates (not STATIC, not the CMDB's business tags). */
    static boolean isRule(String stored) {
        for (RuleType t : values()) {
            if (t != STATIC && t.name().equals(stored)) return true;
        }
        return false;
    }

    public static RuleType parse(String name) {
        String key = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        for (RuleType t : values()) {
            if (t.name().equals(key)) return t;
        }
        String supported = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
        if (REFUSED.contains(key)) {
            throw new TagException(TagException.Kind.INVALID, "rule type " + key
                    + " is not supported (it would run user code on the server); supported types: " + supported);
        }
        throw new TagException(TagException.Kind.INVALID, "unknown rule type '" + (name == null ? "" : name.strip())
                + "'; supported types: " + supported);
    }

    public boolean isDynamic() { return this != STATIC; }
}
