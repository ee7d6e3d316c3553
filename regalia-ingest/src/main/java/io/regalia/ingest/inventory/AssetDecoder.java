package io.regalia.ingest.inventory;

import io.regalia.core.model.IpAddresses;
import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.core.model.AssetType;
import io.regalia.core.model.CloudFacts;
import io.regalia.core.model.CloudProvider;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.Hardware;
import io.regalia.core.model.HostObservation;
import io.regalia.core.model.Lifecycle;
import io.regalia.core.model.LifecycleStage;
import io.regalia.core.model.NetworkInterface;
import io.regalia.core.model.OpenPort;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.Software;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.ingest.report.Rfc3339;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns one asset's JSON subtree into a {@link HostObservation}, naming the exact JSON path of any bad value
 * ({@code assets[3].openPorts[0].port: expected a number 1-65535, got "https"}). Unknown fields are reported once
 * per field (index-free path) through the warning consumer. Field names here and in {@link InventoryJsonWriter}
 * make up the format.
 */
final class AssetDecoder {
    static final Set<String> TOP = Set.of("format", "source", "scannedAt", "complete", "assets");
    private static final Set<String> ASSET = Set.of("externalId", "name", "hostname", "fqdn", "netbiosName", "type",
            "agentId", "interfaces", "os", "hardware", "cloud", "software", "openPorts", "lastSeen", "lastBoot", "tags",
            "externallyExposed", "detections");
    private static final Set<String> INTERFACE = Set.of("address", "hostname", "macAddress");
    private static final Set<String> OS = Set.of("name", "version", "publisher", "category1", "category2", "lifecycle");
    private static final Set<String> LIFECYCLE = Set.of("stage", "eol", "eos");
    private static final Set<String> HARDWARE = Set.of("category1", "category2", "manufacturer", "model");
    private static final Set<String> CLOUD = Set.of("provider", "region", "accountId", "instanceId", "imageId",
            "publicIpAddress");
    private static final Set<String> SOFTWARE = OS;
    private static final Set<String> PORT = Set.of("port", "protocol", "serviceName");
    private static final Set<String> DETECTION = Set.of("vulnerability", "type", "status", "port", "protocol",
            "firstFound", "lastFound", "results");
    private static final Set<String> VULNERABILITY = Set.of("key", "qid", "title", "severity", "cves", "cvss2", "cvss3",
            "cvss4", "cvssScore", "patchAvailable", "exploitMaturity", "malware", "epss");

    private static final Pattern CVE_ID = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    private static final Pattern VULNERABILITY_KEY = Pattern.compile("[a-z][a-z0-9_-]*:\\S+");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final Consumer<ReportEvent.Warning> warnings;
    private final Set<String> warned = new HashSet<>();

    AssetDecoder(Consumer<ReportEvent.Warning> warnings) {
        this.warnings = warnings;
    }

    HostObservation asset(JsonNode node, String path) {
        Obj a = object(node, path);
        a.only(ASSET);
        HostObservation host = new HostObservation(
                a.text("externalId"), a.text("name"), a.text("hostname"), a.text("fqdn"), a.text("netbiosName"),
                a.choice("type", AssetType.values()), a.text("agentId"),
                a.list("interfaces", this::networkInterface), a.object("os", this::os),
                a.object("hardware", this::hardware), a.object("cloud", this::cloud),
                a.list("software", this::software), a.list("openPorts", this::openPort),
                a.instant("lastSeen"), a.instant("lastBoot"), a.list("tags", this::tag),
                a.bool("externallyExposed"), a.list("detections", this::detection));
        if (!host.hasIdentity()) {
            throw new BadInputException(path, "no identity: give externalId or one of agentId, cloud.instanceId, fqdn, "
                    + "netbiosName, hostname, interfaces[].address");
        }
        return host;
    }

    /** Reports an unknown field once per index-free path ({@code assets[].os.build}). */
    void unknown(String path) {
        if (warned.add(INDEX.matcher(path).replaceAll("[]"))) {
            String name = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf(']')) + 1);
            warnings.accept(new ReportEvent.Warning(path, "unknown field \"" + name + "\" ignored (reported once)"));
        }
    }

    Obj object(JsonNode node, String path) {
        if (node == null || !node.isObject()) throw bad(path, "expected an object, got " + shown(node));
        return new Obj(node, path);
    }

    private NetworkInterface networkInterface(JsonNode node, String path) {
        Obj i = object(node, path);
        i.only(INTERFACE);
        return new NetworkInterface(i.ip("address"), i.text("hostname"), i.text("macAddress"));
    }

    private OperatingSystem os(Obj o) {
        o.only(OS);
        return new OperatingSystem(o.text("name"), o.text("version"), o.text("publisher"), o.text("category1"),
                o.text("category2"), o.object("lifecycle", this::lifecycle));
    }

    private Lifecycle lifecycle(Obj l) {
        l.only(LIFECYCLE);
        return new Lifecycle(l.stage("stage"), l.date("eol"), l.date("eos"));
    }

    private Hardware hardware(Obj h) {
        h.only(HARDWARE);
        return new Hardware(h.text("category1"), h.text("category2"), h.text("manufacturer"), h.text("model"));
    }

    private CloudFacts cloud(Obj c) {
        c.only(CLOUD);
        return new CloudFacts(c.choice("provider", CloudProvider.values()), c.text("region"), c.text("accountId"),
                c.text("instanceId"), c.text("imageId"), c.ip("publicIpAddress"));
    }

    private Software software(JsonNode node, String path) {
        Obj s = object(node, path);
        s.only(SOFTWARE);
        return new Software(s.required(s.text("name"), "name"), s.text("version"), s.text("publisher"),
                s.text("category1"), s.text("category2"), s.object("lifecycle", this::lifecycle));
    }

    private OpenPort openPort(JsonNode node, String path) {
        Obj p = object(node, path);
        p.only(PORT);
        Integer port = p.required(p.integer("port", 1, 65535), "port");
        Protocol protocol = p.choice("protocol", Protocol.values());
        return new OpenPort(port, protocol == null ? Protocol.TCP : protocol, p.text("serviceName"));
    }

    private String tag(JsonNode node, String path) {
        String tag = node != null && node.isTextual() ? node.asText().trim() : "";
        if (tag.isEmpty()) throw bad(path, "expected a tag name, got " + shown(node));
        return tag;
    }

    private DetectionObservation detection(JsonNode node, String path) {
        Obj d = object(node, path);
        d.only(DETECTION);
        VulnerabilityInfo vulnerability = d.required(d.object("vulnerability", this::vulnerability), "vulnerability");
        DetectionType type = d.choice("type", DetectionType.values());
        return new DetectionObservation(vulnerability, type == null ? DetectionType.CONFIRMED : type,
                d.choice("status", DetectionStatus.values()), d.integer("port", 0, 65535),
                d.choice("protocol", Protocol.values()), d.instant("firstFound"), d.instant("lastFound"),
                d.text("results"));
    }

    private VulnerabilityInfo vulnerability(Obj v) {
        v.only(VULNERABILITY);
        String key = v.required(v.text("key"), "key");
        if (!VULNERABILITY_KEY.matcher(key).matches()) {
            throw v.bad("key", "expected \"<source>:<id>\" like \"qualys:38170\" or \"cve:CVE-2021-44228\", got "
                    + shown(v.node.get("key")));
        }
        Integer severity = v.integer("severity", 1, 5);
        Long qid = v.longValue("qid");
        Boolean malware = v.bool("malware");
        ThreatHints hints = new ThreatHints(v.choice("exploitMaturity", ExploitMaturity.values()),
                Boolean.TRUE.equals(malware), v.decimal("epss", 0, 1));
        return new VulnerabilityInfo(key, qid, v.text("title"), severity, v.list("cves", this::cve),
                v.text("cvss2"), v.text("cvss3"), v.text("cvss4"), v.decimal("cvssScore", 0, 10),
                v.bool("patchAvailable"), hints);
    }

    private String cve(JsonNode node, String path) {
        String id = node != null && node.isTextual() ? node.asText().trim().toUpperCase() : "";
        if (!CVE_ID.matcher(id).matches()) throw bad(path, "expected a CVE id like CVE-2021-44228, got " + shown(node));
        return id;
    }

    static BadInputException bad(String path, String reason) {
        return new BadInputException(path, reason);
    }

    static String shown(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** One JSON object and its path; accessors return null for absent or null fields and fail on bad values. */
    final class Obj {
        final JsonNode node;
        final String path;

        Obj(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        void only(Set<String> known) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) unknown(child(path, name));
            }
        }

        BadInputException bad(String field, String reason) {
            return AssetDecoder.bad(child(path, field), reason);
        }

        <T> T required(T value, String field) {
            if (value == null) throw bad(field, "missing");
            return value;
        }

        private JsonNode value(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v;
        }

        String text(String field) {
            JsonNode v = value(field);
            if (v == null) return null;
            if (!v.isTextual() && !v.isNumber()) throw bad(field, "expected a string, got " + shown(v));
            String s = v.asText().trim();
            return s.isEmpty() ? null : s;
        }

        Boolean bool(String field) {
            JsonNode v = value(field);
            if (v == null) return null;
            if (v.isBoolean()) return v.booleanValue();
            if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(v.asText());
            }
            throw bad(field, "expected true or false, got " + shown(v));
        }

        /** Whole numbers, also as digit strings (CMDB exports often quote them). */
        Integer integer(String field, int min, int max) {
            Long v = whole(field, min, max, "expected a number " + min + "-" + max);
            return v == null ? null : v.intValue();
        }

        Long longValue(String field) {
            return whole(field, 1, Long.MAX_VALUE, "expected a positive whole number");
        }

        private Long whole(String field, long min, long max, String expected) {
            JsonNode v = value(field);
            if (v == null) return null;
            Long n = null;
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                n = v.longValue();
            } else if (v.isTextual() && v.asText().trim().matches("\\d{1,18}")) {
                n = Long.parseLong(v.asText().trim());
            }
            if (n == null || n < min || n > max) throw bad(field, expected + ", got " + shown(v));
            return n;
        }

        Double decimal(String field, double min, double max) {
            JsonNode v = value(field);
            if (v == null) return null;
            Double d = null;
            if (v.isNumber()) {
                d = v.doubleValue();
            } else if (v.isTextual()) {
                try {
                    d = Double.parseDouble(v.asText().trim());
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            if (d == null || !(d >= min && d <= max)) {
                throw bad(field, "expected a number " + plain(min) + "-" + plain(max) + ", got " + shown(v));
            }
            return d;
        }

        Instant instant(String field) {
            String s = text(field);
            if (s == null) return null;
            Instant parsed;
            try {
                parsed = Rfc3339.instant(s);
            } catch (DateTimeParseException notInstant) {
                try {
                    parsed = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw bad(field, "expected an ISO instant (2026-11-30T10:00:00Z) or date (2026-11-30), got "
                            + shown(node.get(field)));
                }
            }
            if (!Rfc3339.inRange(parsed)) {
                throw bad(field, "expected a time in the " + Rfc3339.RANGE + ", got " + shown(node.get(field)));
            }
            return parsed;
        }

        LocalDate date(String field) {
            String s = text(field);
            if (s == null) return null;
            LocalDate parsed;
            try {
                parsed = LocalDate.parse(s);
            } catch (DateTimeParseException notDate) {
                try {
                    parsed = OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
                } catch (DateTimeParseException notInstant) {
                    throw bad(field, "expected an ISO date (2026-11-30), got " + shown(node.get(field)));
                }
            }
            if (!Rfc3339.inRange(parsed)) {
                throw bad(field, "expected a date in the " + Rfc3339.RANGE + ", got " + shown(node.get(field)));
            }
            return parsed;
        }

        <E extends Enum<E>> E choice(String field, E[] allowed) {
            String s = text(field);
            if (s == null) return null;
            for (E e : allowed) {
                if (e.name().equalsIgnoreCase(s)) return e;
            }
            throw bad(field, "expected one of " + Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(", "))
                    + ", got " + shown(node.get(field)));
        }

        LifecycleStage stage(String field) {
            String s = text(field);
            if (s == null) return null;
            LifecycleStage stage = LifecycleStage.parse(s);
            if (stage == null) {
                throw bad(field, "expected one of " + Arrays.stream(LifecycleStage.values()).map(LifecycleStage::label)
                        .collect(Collectors.joining(", ")) + ", got " + shown(node.get(field)));
            }
            return stage;
        }

        /** An IPv4 or IPv6 literal; checked by syntax only, never resolved. */
        String ip(String field) {
            String s = text(field);
            if (s == null) return null;
            boolean ok = IpAddresses.isLiteral(s);
            if (!ok) throw bad(field, "expected an IPv4 or IPv6 address, got " + shown(node.get(field)));
            return s;
        }

        <T> T object(String field, Function<Obj, T> decode) {
            JsonNode v = value(field);
            if (v == null) return null;
            return decode.apply(AssetDecoder.this.object(v, child(path, field)));
        }

        <T> List<T> list(String field, BiFunction<JsonNode, String, T> element) {
            JsonNode v = value(field);
            if (v == null) return null;
            if (!v.isArray()) throw bad(field, "expected an array, got " + shown(v));
            List<T> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                out.add(element.apply(v.get(i), child(path, field) + "[" + i + "]"));
            }
            return out;
        }
    }


    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
