package io.regalia.store.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.FieldCatalog.Type;
import io.regalia.core.qql.Query;
import io.regalia.core.qql.Value;
import io.regalia.core.qql.Value.DateValue;
import io.regalia.store.qql.Estate.Asset;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Answers a query over an in-memory {@link Estate} by reading the spec, not the SQL: each field is looked up
 * as a Java value and each value form is tested against it directly.
 */
final class EstateEvaluator {
    private final Estate estate;
    private final Clock clock;

    EstateEvaluator(Estate estate, Clock clock) {
        this.estate = estate;
        this.clock = clock;
    }

    Set<Long> matching(Query query) {
        Set<Long> ids = new TreeSet<>();
        for (Asset a : estate.assets) if (holds(query, a, null)) ids.add(a.id);
        return ids;
    }

    /** {@code element}: the group element a nested group is looking at, or null at the asset. */
    private boolean holds(Query query, Asset a, Object element) {
        if (query instanceof Query.Or or) return or.operands().stream().anyMatch(q -> holds(q, a, element));
        if (query instanceof Query.And and) return and.operands().stream().allMatch(q -> holds(q, a, element));
        if (query instanceof Query.Not not) return !holds(not.operand(), a, element);
        if (query instanceof Query.Match m) {
            if (m.field().type() == Type.GROUP) return hasElements(m.field(), a, element);
            return anyElement(m.field(), a, element, v -> matches(v, m.value()));
        }
        if (query instanceof Query.Compare c) return anyElement(c.field(), a, element, v -> compares(v, c.op(), c.value()));
        if (query instanceof Query.IsNull n) {
            boolean hasValue = n.field().type() == Type.GROUP ? hasElements(n.field(), a, element)
                    : anyElement(n.field(), a, element, EstateEvaluator::isSet);
            return n.negated() == hasValue;
        }
        if (query instanceof Query.Nested n) {
            if (element != null) return holds(n.query(), a, element);
            return elements(topGroup(n.group().path()), a).stream().anyMatch(e -> holds(n.query(), a, e));
        }
        if (query instanceof Query.FullText f) return fullText(f.text(), a);
        throw new IllegalStateException(query.toString());
    }

    private interface Test { boolean on(Object value); }

    /** The field's value on the element in scope, or on any element of its group when none is. */
    private boolean anyElement(Field field, Asset a, Object element, Test test) {
        if (field.group() == null) return test.on(value(field.path(), a, null));
        if (element != null) return test.on(value(field.path(), a, element));
        return elements(topGroup(field.path()), a).stream().anyMatch(e -> test.on(value(field.path(), a, e)));
    }

    private boolean hasElements(Field group, Asset a, Object element) {
        return element != null || !elements(topGroup(group.path()), a).isEmpty();
    }

    private static String topGroup(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private List<?> elements(String group, Asset a) {
        return switch (group) {
            case "software" -> a.software.stream().distinct().toList();
            case "openPorts" -> a.ports;
            case "interfaces" -> a.interfaces;
            case "tags" -> a.tagIds.stream().map(estate::tagById).toList();
            case "vulnerabilities" -> a.detections;
            default -> throw new IllegalArgumentException(group);
        };
    }

    /** The stored value as a Java value: String, List of String, BigDecimal, Double, Instant, LocalDate, InetAddress, Boolean. */
    private Object value(String path, Asset a, Object element) {
        Estate.Os os = a.os;
        switch (path) {
            case "asset.id": return BigDecimal.valueOf(a.id);
            case "asset.name": return a.name;
            case "asset.hostname": return a.hostname;
            case "asset.fqdn": return a.fqdn;
            case "asset.netbiosName": return a.netbios;
            case "asset.type": return a.type;
            case "asset.trackingMethod": return a.trackingMethod;
            case "asset.criticalityScore": return BigDecimal.valueOf(a.criticality);
            case "asset.riskScore": return BigDecimal.valueOf(a.risk);
            case "asset.externallyExposed": return a.externallyExposed;
            case "asset.created": return a.created;
            case "asset.lastUpdated": return a.lastUpdated;
            case "asset.lastSeen": return a.lastSeen;
            case "asset.lastBoot": return a.lastBoot;
            case "operatingSystem", "operatingSystem.name": return os == null ? null : os.name();
            case "operatingSystem.version": return os == null ? null : os.version();
            case "operatingSystem.publisher": return os == null ? null : os.publisher();
            case "operatingSystem.category1": return os == null ? null : os.category1();
            case "operatingSystem.category2": return os == null ? null : os.category2();
            case "operatingSystem.lifecycle.stage": return os == null ? null : os.stage();
            case "operatingSystem.lifecycle.eol": return os == null ? null : os.eol();
            case "operatingSystem.lifecycle.eos": return os == null ? null : os.eos();
            case "hardware.category1": return a.hwCategory1;
            case "hardware.category2": return a.hwCategory2;
            case "hardware.manufacturer": return a.hwManufacturer;
            case "hardware.model": return a.hwModel;
            case "cloud.provider": return a.cloudProvider;
            case "cloud.region": return a.cloudRegion;
            case "cloud.accountId": return a.cloudAccountId;
            case "cloud.instanceId": return a.cloudInstanceId;
            case "cloud.imageId": return a.cloudImageId;
            case "cloud.publicIpAddress": return address(a.publicIp);
            case "cloud.hasPublicIp": return a.publicIp != null;
            case "business.application": return a.businessApplication;
            case "business.owner": return a.businessOwner;
            case "business.criticality": return a.businessCriticality;
            case "inventory.source": return a.sources;
            default: break;
        }
        if (element instanceof Estate.Software s) {
            return switch (path) {
                case "software.name" -> s.name();
                case "software.version" -> s.version();
                case "software.publisher" -> s.publisher();
                case "software.category1" -> s.category1();
                case "software.category2" -> s.category2();
                case "software.lifecycle.stage" -> s.stage();
                case "software.lifecycle.eol" -> s.eol();
                default -> throw new IllegalArgumentException(path);
            };
        }
        if (element instanceof Estate.Port p) {
            return switch (path) {
                case "openPorts.port" -> BigDecimal.valueOf(p.port());
                case "openPorts.protocol" -> p.protocol();
                case "openPorts.serviceName" -> p.service();
                default -> throw new IllegalArgumentException(path);
            };
        }
        if (element instanceof Estate.Iface i) {
            return switch (path) {
                case "interfaces.address" -> address(i.address());
                case "interfaces.hostname" -> i.hostname();
                case "interfaces.macAddress" -> i.mac();
                default -> throw new IllegalArgumentException(path);
            };
        }
        if (element instanceof Estate.Tag t) {
            return switch (path) {
                case "tags.name" -> t.name();
                case "tags.id" -> BigDecimal.valueOf(t.id());
                case "tags.criticalityScore" -> t.criticality() == null ? null : BigDecimal.valueOf(t.criticality());
                default -> throw new IllegalArgumentException(path);
            };
        }
        if (element instanceof Estate.Detection d) {
            Estate.Vuln v = estate.vulnById(d.vulnId());
            List<Estate.Cve> cves = v.cves().stream().map(estate::cveById).filter(Objects::nonNull).toList();
            return switch (path) {
                case "vulnerabilities.typeDetected" -> d.type();
                case "vulnerabilities.status" -> d.status();
                case "vulnerabilities.firstFound" -> d.firstFound();
                case "vulnerabilities.lastFound" -> d.lastFound();
                case "vulnerabilities.qds" -> v.qds() == null ? null : BigDecimal.valueOf(v.qds());
                case "vulnerabilities.port" -> BigDecimal.valueOf(d.port());
                case "vulnerabilities.vulnerability.qid" -> BigDecimal.valueOf(v.qid());
                case "vulnerabilities.vulnerability.cveIds" -> v.cves();
                case "vulnerabilities.vulnerability.title" -> v.title();
                case "vulnerabilities.vulnerability.criticality" -> criticality(v.severity());
                case "vulnerabilities.vulnerability.severity" -> v.severity() == null ? null : BigDecimal.valueOf(v.severity());
                case "vulnerabilities.vulnerability.cvssScore" -> v.cvss();
                case "vulnerabilities.vulnerability.patchAvailable" -> v.patch();
                case "vulnerabilities.vulnerability.os" -> os == null ? null : os.name();
                case "vulnerabilities.riskFactor.cisaKnownExploits" -> cves.stream().anyMatch(Estate.Cve::kev);
                case "vulnerabilities.riskFactor.ransomware" -> cves.stream().anyMatch(Estate.Cve::ransomware);
                case "vulnerabilities.riskFactor.exploitCodeMaturity" -> cves.stream().anyMatch(Estate.Cve::kev) ? "WEAPONIZED"
                        : v.maturity() != null ? v.maturity() : "NONE";
                case "vulnerabilities.riskFactor.epss" -> cves.stream().map(Estate.Cve::epss).filter(Objects::nonNull)
                        .max(Double::compare).orElse(v.scannerEpss());
                default -> throw new IllegalArgumentException(path);
            };
        }
        throw new IllegalArgumentException(path + " on " + element);
    }

    private static String criticality(Integer severity) {
        if (severity == null) return null;
        return switch (severity) {
            case 5 -> "CRITICAL";
            case 4 -> "HIGH";
            case 3 -> "MEDIUM";
            case 2 -> "LOW";
            default -> "INFO";
        };
    }

    private static boolean isSet(Object value) {
        return value instanceof List<?> list ? !list.isEmpty() : value != null;
    }

    // ---- one value form against one stored value -----------------------------------------------------------

    private boolean matches(Object stored, Value value) {
        if (stored instanceof List<?> list && !(value instanceof Value.Present)) {
            return list.stream().anyMatch(element -> matches(element, value));
        }
        if (value instanceof Value.Present) {
            if (stored instanceof List<?> list) return list.stream().anyMatch(s -> !((String) s).isEmpty());
            return stored instanceof String s ? !s.isEmpty() : stored != null;
        }
        if (value instanceof Value.AnyOf anyOf) return anyOf.values().stream().anyMatch(v -> matches(stored, v));
        if (stored == null) return false;
        if (value instanceof Value.Text t) return text((String) stored, t);
        if (value instanceof Value.NumberValue || value instanceof DateValue) return compares(stored, Query.Comparison.EQ, value);
        if (value instanceof Value.Range r) {
            if (stored instanceof InetAddress address) {
                InetAddress low = ((Value.IpValue) r.low()).address();
                InetAddress high = ((Value.IpValue) r.high()).address();
                Integer lo = compareAddresses(address, low);
                Integer hi = compareAddresses(address, high);
                return lo != null && hi != null && (r.lowInclusive() ? lo >= 0 : lo > 0) && (r.highInclusive() ? hi <= 0 : hi < 0);
            }
            return compares(stored, r.lowInclusive() ? Query.Comparison.GE : Query.Comparison.GT, r.low())
                    && compares(stored, r.highInclusive() ? Query.Comparison.LE : Query.Comparison.LT, r.high());
        }
        if (value instanceof Value.IpValue ip) return stored.equals(ip.address());
        if (value instanceof Value.CidrValue cidr) return cidr.contains((InetAddress) stored);
        if (value instanceof Value.BooleanValue b) return stored.equals(b.value());
        if (value instanceof Value.EnumValue e) {
            return e.matches().stream().anyMatch(m -> spelling(m).equals(spelling((String) stored)));
        }
        throw new IllegalStateException(value.toString());
    }

    private static String spelling(String constant) {
        return constant.toUpperCase(Locale.ROOT).replace("-", "");
    }

    private boolean compares(Object stored, Query.Comparison op, Value value) {
        if (stored == null) return false;
        if (value instanceof Value.NumberValue n) {
            int c = stored instanceof Double d ? Double.compare(d, n.magnitude().doubleValue())
                    : ((BigDecimal) stored).compareTo(n.magnitude());
            return holds(op, c);
        }
        DateValue date = (DateValue) value;
        Instant at = stored instanceof LocalDate day ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : (Instant) stored;
        boolean asDay = date instanceof DateValue.Absolute abs ? abs.wholeDay() : op == Query.Comparison.EQ;
        if (asDay) {
            LocalDate day = LocalDate.ofInstant(date.resolve(clock), ZoneOffset.UTC);
            return holds(op, LocalDate.ofInstant(at, ZoneOffset.UTC).compareTo(day));
        }
        return holds(op, at.compareTo(date.resolve(clock)));
    }

    private static boolean holds(Query.Comparison op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            case LE -> c <= 0;
        };
    }

    private static boolean text(String stored, Value.Text t) {
        String s = stored.toLowerCase(Locale.ROOT);
        String v = t.text().toLowerCase(Locale.ROOT);
        return switch (t.match()) {
            case CONTAINS -> s.contains(v);
            case EXACT -> s.equals(v);
            case GLOB -> Pattern.compile(globRegex(v), Pattern.DOTALL).matcher(s).matches();
        };
    }

    private static String globRegex(String glob) {
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) parts.add(part.isEmpty() ? "" : Pattern.quote(part));
        return String.join(".*", parts);
    }

    private boolean fullText(Value.Text t, Asset a) {
        List<String> texts = new ArrayList<>();
        texts.add(a.name);
        texts.add(a.hostname);
        texts.add(a.fqdn);
        texts.add(a.netbios);
        a.interfaces.forEach(i -> texts.add(i.address()));
        if (a.os != null) texts.add(a.os.name());
        a.software.forEach(s -> texts.add(s.name()));
        return texts.stream().filter(Objects::nonNull).anyMatch(s -> text(s, t));
    }

    private static InetAddress address(String text) {
        if (text == null) return null;
        try {
            return InetAddress.getByName(text); // literals only: the estate holds addresses, never names
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Order of two addresses of one family; null across families. */
    private static Integer compareAddresses(InetAddress x, InetAddress y) {
        byte[] a = x.getAddress();
        byte[] b = y.getAddress();
        if (a.length != b.length) return null;
        for (int i = 0; i < a.length; i++) {
            int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
            if (c != 0) return c;
        }
        return 0;
    }
}
