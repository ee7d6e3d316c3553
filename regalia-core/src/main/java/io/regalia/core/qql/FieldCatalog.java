package io.regalia.core.qql;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.Protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every field a query may name, with its one type (spec/qql.md, "Field catalog"). Names are matched
 * case-insensitively and through aliases; the {@link Field#path() canonical path} is what the AST
 * carries and what a query compiler maps to storage.
 */
public final class FieldCatalog {

    /** What values a field takes and which operators apply to it. */
    public enum Type {
        /** Contains / exact / glob matching, case-insensitive. */
        TEXT,
        /** Equality, ranges and comparisons. */
        NUMBER,
        /** A number of bytes: like NUMBER, and values may carry KB, MB, GB or TB. */
        SIZE,
        /** Equality, ranges and comparisons; absolute or relative to now. */
        DATE,
        /** One of a closed set of constants, exact and case-insensitive. */
        ENUM,
        /** An IPv4 or IPv6 address; a CIDR matches every address in it. */
        IP,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A multi-valued element (software, ports, ...) whose sub-fields a nested group matches together. */
        GROUP
    }

    /**
     * One constant of an enum field. {@code aliases} are other spellings accepted in queries ({@code QAGENT});
     * {@code matches} are the stored values it stands for: itself, or several ({@code EOL/EOS}).
     */
    public record EnumConstant(String name, List<String> aliases, List<String> matches) {
        public EnumConstant {
            Objects.requireNonNull(name, "name");
            aliases = List.copyOf(aliases);
            matches = List.copyOf(matches);
        }

        static EnumConstant of(String name, String... aliases) {
            return new EnumConstant(name, Arrays.asList(aliases), List.of(name));
        }

        boolean isSpelled(String text) {
            return name.equalsIgnoreCase(text) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(text));
        }
    }

    /**
     * A field. {@code path} is canonical (catalog spelling); {@code group} is the canonical path of the
     * group it belongs to (null for a field of the asset itself); {@code constants} is empty unless ENUM.
     */
    public record Field(String path, Type type, String group, List<EnumConstant> constants) {
        public Field {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
            constants = List.copyOf(constants);
        }

        /** The constant this text names (case-insensitive, aliases included). */
        public Optional<EnumConstant> constant(String text) {
            return constants.stream().filter(c -> c.isSpelled(text)).findFirst();
        }

        /** The path as written inside {@code outer:( ... )}: {@code vulnerability.os} inside {@code vulnerabilities}. */
        public String pathWithin(Field outer) {
            if (outer == null) return path;
            String prefix = outer.path() + ".";
            if (!path.startsWith(prefix)) throw new IllegalArgumentException(path + " is not inside " + outer.path());
            return path.substring(prefix.length());
        }

        /** True for fields of a multi-valued element, where any element may match. */
        public boolean isInGroup() { return group != null; }
    }

    private static final FieldCatalog STANDARD = buildStandard();

    private final List<Field> fields;
    private final Map<String, Field> byLowerPath;
    private final Map<String, String> aliases;

    FieldCatalog(List<Field> fields, Map<String, String> aliases) {
        this.fields = List.copyOf(fields);
        Map<String, Field> index = new LinkedHashMap<>();
        for (Field f : this.fields) {
            if (index.put(f.path().toLowerCase(Locale.ROOT), f) != null) {
                throw new IllegalArgumentException("duplicate field " + f.path());
            }
        }
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            Field target = index.get(alias.getValue().toLowerCase(Locale.ROOT));
            if (target == null) throw new IllegalArgumentException("alias to unknown field " + alias.getValue());
            index.put(alias.getKey().toLowerCase(Locale.ROOT), target);
        }
        this.byLowerPath = Collections.unmodifiableMap(index);
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    }

    /** The catalog of spec/qql.md. */
    public static FieldCatalog standard() { return STANDARD; }

    /** All fields, canonical, in catalog order (groups before their sub-fields). */
    public List<Field> fields() { return fields; }

    /** Alias path to canonical path, e.g. {@code operatingSystem.category -> operatingSystem.category2}. */
    public Map<String, String> aliases() { return aliases; }

    /** The field a path names, case-insensitively, aliases included. */
    public Optional<Field> find(String path) {
        return Optional.ofNullable(byLowerPath.get(path.toLowerCase(Locale.ROOT)));
    }

    /** The fields whose group is {@code group} or a group inside it, in catalog order. */
    public List<Field> within(Field group) {
        String prefix = group.path() + ".";
        return fields.stream().filter(f -> f.path().startsWith(prefix)).toList();
    }

    /** Known names (canonical or alias) nearest to an unknown one, best first, at most three. */
    public List<String> suggestions(String unknown) {
        List<String> names = new ArrayList<>(fields.stream().map(Field::path).toList());
        names.addAll(aliases.keySet());
        return Suggestions.nearest(unknown, names);
    }

    /** Names relative to {@code group} nearest to an unknown sub-field name, at most three. */
    List<String> suggestionsWithin(Field group, String unknown) {
        return Suggestions.nearest(unknown, within(group).stream().map(f -> f.pathWithin(group)).toList());
    }

    private static FieldCatalog buildStandard() {
        var b = new Builder();
        b.top("asset.id", Type.NUMBER);
        b.top("asset.name", Type.TEXT);
        b.top("asset.hostname", Type.TEXT);
        b.top("asset.fqdn", Type.TEXT);
        b.top("asset.netbiosName", Type.TEXT);
        b.enumeration(null, "asset.type", names(AssetType.values()));
        b.enumeration(null, "asset.trackingMethod", List.of(EnumConstant.of("IP"), EnumConstant.of("DNSNAME"),
                EnumConstant.of("NETBIOS"), EnumConstant.of("AGENT", "QAGENT"), EnumConstant.of("INSTANCE_ID")));
        b.top("asset.criticalityScore", Type.NUMBER);
        b.top("asset.riskScore", Type.NUMBER);
        b.top("asset.externallyExposed", Type.BOOLEAN);
        b.top("asset.created", Type.DATE);
        b.top("asset.lastUpdated", Type.DATE);
        b.top("asset.lastSeen", Type.DATE);
        b.top("asset.lastBoot", Type.DATE);

        b.top("operatingSystem", Type.TEXT);
        b.top("operatingSystem.name", Type.TEXT);
        b.top("operatingSystem.version", Type.TEXT);
        b.top("operatingSystem.publisher", Type.TEXT);
        b.top("operatingSystem.category1", Type.TEXT);
        b.top("operatingSystem.category2", Type.TEXT);
        b.alias("operatingSystem.category", "operatingSystem.category2");
        b.enumeration(null, "operatingSystem.lifecycle.stage", lifecycleStages());
        b.top("operatingSystem.lifecycle.eol", Type.DATE);
        b.top("operatingSystem.lifecycle.eos", Type.DATE);

        b.top("hardware.category1", Type.TEXT);
        b.top("hardware.category2", Type.TEXT);
        b.alias("hardware.category", "hardware.category1");
        b.top("hardware.manufacturer", Type.TEXT);
        b.top("hardware.model", Type.TEXT);

        b.group(null, "software");
        b.sub("software", "name", Type.TEXT);
        b.sub("software", "version", Type.TEXT);
        b.sub("software", "publisher", Type.TEXT);
        b.sub("software", "category1", Type.TEXT);
        b.sub("software", "category2", Type.TEXT);
        b.enumeration("software", "software.lifecycle.stage", lifecycleStages());
        b.sub("software", "lifecycle.eol", Type.DATE);

        b.group(null, "openPorts");
        b.sub("openPorts", "port", Type.NUMBER);
        b.enumeration("openPorts", "openPorts.protocol", names(Protocol.values()));
        b.sub("openPorts", "serviceName", Type.TEXT);

        b.group(null, "interfaces");
        b.sub("interfaces", "address", Type.IP);
        b.sub("interfaces", "hostname", Type.TEXT);
        b.sub("interfaces", "macAddress", Type.TEXT);

        b.enumeration(null, "cloud.provider", names(CloudProvider.values()));
        b.top("cloud.region", Type.TEXT);
        b.top("cloud.accountId", Type.TEXT);
        b.top("cloud.instanceId", Type.TEXT);
        b.top("cloud.imageId", Type.TEXT);
        b.top("cloud.publicIpAddress", Type.IP);
        b.top("cloud.hasPublicIp", Type.BOOLEAN);

        b.group(null, "tags");
        b.sub("tags", "name", Type.TEXT);
        b.sub("tags", "id", Type.NUMBER);
        b.sub("tags", "criticalityScore", Type.NUMBER);

        b.top("business.application", Type.TEXT);
        b.top("business.owner", Type.TEXT);
        b.top("business.criticality", Type.TEXT);
        b.top("inventory.source", Type.TEXT);

        b.group(null, "vulnerabilities");
        b.enumeration("vulnerabilities", "vulnerabilities.typeDetected",
                List.of(EnumConstant.of("Confirmed"), EnumConstant.of("Potential"), EnumConstant.of("Info")));
        b.enumeration("vulnerabilities", "vulnerabilities.status", List.of(EnumConstant.of("New"),
                EnumConstant.of("Active"), EnumConstant.of("Fixed"), EnumConstant.of("Re-Opened", "REOPENED")));
        b.sub("vulnerabilities", "firstFound", Type.DATE);
        b.sub("vulnerabilities", "lastFound", Type.DATE);
        b.sub("vulnerabilities", "qds", Type.NUMBER);
        b.sub("vulnerabilities", "port", Type.NUMBER);

        b.group("vulnerabilities", "vulnerabilities.vulnerability");
        String vuln = "vulnerabilities.vulnerability";
        b.sub(vuln, "qid", Type.NUMBER);
        b.sub(vuln, "cveIds", Type.TEXT);
        b.sub(vuln, "title", Type.TEXT);
        // Derived from severity: 5 CRITICAL, 4 HIGH, 3 MEDIUM, 2 LOW, 1 and below INFO.
        b.enumeration(vuln, vuln + ".criticality", names("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"));
        b.sub(vuln, "severity", Type.NUMBER);
        b.sub(vuln, "cvssScore", Type.NUMBER);
        b.sub(vuln, "patchAvailable", Type.BOOLEAN);
        b.sub(vuln, "os", Type.TEXT);

        b.group("vulnerabilities", "vulnerabilities.riskFactor");
        String risk = "vulnerabilities.riskFactor";
        b.sub(risk, "cisaKnownExploits", Type.BOOLEAN);
        b.sub(risk, "ransomware", Type.BOOLEAN);
        b.enumeration(risk, risk + ".exploitCodeMaturity", Arrays.stream(ExploitMaturity.values())
                .map(m -> m == ExploitMaturity.PROOF_OF_CONCEPT ? EnumConstant.of(m.name(), "POC") : EnumConstant.of(m.name()))
                .toList());
        b.sub(risk, "epss", Type.NUMBER);
        return b.build();
    }

    private static List<EnumConstant> lifecycleStages() {
        return List.of(EnumConstant.of("GA"), EnumConstant.of("EOS"), EnumConstant.of("EOL"),
                new EnumConstant("EOL/EOS", List.of("EOL_EOS"), List.of("EOL", "EOS", "EOL/EOS")));
    }

    private static List<EnumConstant> names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> EnumConstant.of(v.name())).toList();
    }

    private static List<EnumConstant> names(String... values) {
        return Arrays.stream(values).map(EnumConstant::of).toList();
    }

    /** Collects fields in order; package-private so tests can build catalogs with other fields (sizes). */
    static final class Builder {
        private final List<Field> fields = new ArrayList<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();

        Builder top(String path, Type type) { fields.add(new Field(path, type, null, List.of())); return this; }

        Builder group(String parent, String path) { fields.add(new Field(path, Type.GROUP, parent, List.of())); return this; }

        Builder sub(String group, String relative, Type type) {
            fields.add(new Field(group + "." + relative, type, group, List.of()));
            return this;
        }

        Builder enumeration(String group, String path, List<EnumConstant> constants) {
            fields.add(new Field(path, Type.ENUM, group, constants));
            return this;
        }

        Builder alias(String alias, String canonical) { aliases.put(alias, canonical); return this; }

        FieldCatalog build() { return new FieldCatalog(fields, aliases); }
    }
}
