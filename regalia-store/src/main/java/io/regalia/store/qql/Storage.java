package io.regalia.store.qql;

import io.regalia.core.qql.FieldCatalog.Field;
import io.regalia.core.qql.FieldCatalog.Type;
import io.regalia.core.report.BadInputException;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each catalog field is stored (schema V1). Column expressions name fixed aliases: {@code a} the asset,
 * {@code osr} its os_release row, and one alias per group element ({@code swp}, {@code apt}, {@code aif},
 * {@code tg}, {@code det} with {@code vul}); the compiler opens the subqueries that define them.
 */
final class Storage {

    /** The row a column is read from. */
    enum Source {
        /** The asset row itself. */
        ASSET,
        /** The asset's os_release row (a small dictionary, searched first, then matched by id). */
        OS,
        /** The element row of the field's group. */
        ELEMENT,
        /** The vulnerability of a detection element, joined only when a query needs it. */
        VULNERABILITY
    }

    /** How values are stored, which decides the SQL of each kind of match. */
    enum Kind {
        TEXT,
        /** A text[] column: matches when any element does. */
        TEXT_ARRAY,
        /** An integer column. */
        INTEGER,
        /** A double precision column: compared as doubles. */
        DOUBLE,
        /** A timestamptz column. */
        INSTANT,
        /** A date column: the day stands for its first instant in UTC. */
        DAY,
        /** An inet column holding host addresses. */
        IP,
        BOOLEAN,
        /** Enum constants stored upper case without hyphens (Re-Opened is REOPENED). */
        ENUM,
        /** The severity number (0-5) a criticality constant stands for. */
        SEVERITY
    }

    /** One stored value: a SQL expression, its kind, and whether it can be NULL on an existing row. */
    record Column(Source source, String sql, Kind kind, boolean nullable) {}

    /** The multi-valued groups; sub-groups of vulnerabilities share its element (one detection). */
    enum Group { SOFTWARE, OPEN_PORTS, INTERFACES, TAGS, VULNERABILITIES }

    private static final Map<String, Group> GROUPS = Map.of("software", Group.SOFTWARE, "openPorts", Group.OPEN_PORTS,
            "interfaces", Group.INTERFACES, "tags", Group.TAGS, "vulnerabilities", Group.VULNERABILITIES);

    /** A vulnerability's CVEs in KEV make it weaponized; otherwise the scanner's maturity, else none. */
    private static final String MATURITY = """
            (CASE WHEN EXISTS (SELECT 1 FROM cve kev WHERE kev.id = ANY(vul.cves) AND kev.kev_date_added IS NOT NULL) \
            THEN 'WEAPONIZED' ELSE coalesce(upper(vul.scanner_maturity), 'NONE') END)""";
    /** The highest EPSS among the CVEs, else the scanner's. */
    private static final String EPSS = "coalesce((SELECT max(ep.epss) FROM cve ep WHERE ep.id = ANY(vul.cves)), vul.scanner_epss)";

    private static final Map<String, Column> COLUMNS = new HashMap<>();

    static {
        asset("asset.id", "a.id", Kind.INTEGER, false);
        asset("asset.name", "a.name", Kind.TEXT, true);
        asset("asset.hostname", "a.hostname", Kind.TEXT, true);
        asset("asset.fqdn", "a.fqdn", Kind.TEXT, true);
        asset("asset.netbiosName", "a.netbios_name", Kind.TEXT, true);
        asset("asset.type", "a.type", Kind.ENUM, false);
        asset("asset.trackingMethod", "a.tracking_method", Kind.ENUM, false);
        asset("asset.criticalityScore", "a.criticality_score", Kind.INTEGER, false);
        asset("asset.riskScore", "a.risk_score", Kind.INTEGER, false);
        asset("asset.externallyExposed", "a.externally_exposed", Kind.BOOLEAN, false);
        asset("asset.created", "a.created", Kind.INSTANT, false);
        asset("asset.lastUpdated", "a.last_updated", Kind.INSTANT, false);
        asset("asset.lastSeen", "a.last_seen", Kind.INSTANT, true);
        asset("asset.lastBoot", "a.last_boot", Kind.INSTANT, true);

        os("operatingSystem", "osr.name", Kind.TEXT, false);
        os("operatingSystem.name", "osr.name", Kind.TEXT, false);
        os("operatingSystem.version", "osr.version", Kind.TEXT, true);
        os("operatingSystem.publisher", "osr.publisher", Kind.TEXT, true);
        os("operatingSystem.category1", "osr.category1", Kind.TEXT, true);
        os("operatingSystem.category2", "osr.category2", Kind.TEXT, true);
        os("operatingSystem.lifecycle.stage", "osr.lifecycle_stage", Kind.ENUM, true);
        os("operatingSystem.lifecycle.eol", "osr.eol", Kind.DAY, true);
        os("operatingSystem.lifecycle.eos", "osr.eos", Kind.DAY, true);

        asset("hardware.category1", "a.hw_category1", Kind.TEXT, true);
        asset("hardware.category2", "a.hw_category2", Kind.TEXT, true);
        asset("hardware.manufacturer", "a.hw_manufacturer", Kind.TEXT, true);
        asset("hardware.model", "a.hw_model", Kind.TEXT, true);

        element("software.name", "swp.name", Kind.TEXT, false);
        element("software.version", "swp.version", Kind.TEXT, true);
        element("software.publisher", "swp.publisher", Kind.TEXT, true);
        element("software.category1", "swp.category1", Kind.TEXT, true);
        element("software.category2", "swp.category2", Kind.TEXT, true);
        element("software.lifecycle.stage", "swp.lifecycle_stage", Kind.ENUM, true);
        element("software.lifecycle.eol", "swp.eol", Kind.DAY, true);

        element("openPorts.port", "apt.port", Kind.INTEGER, false);
        element("openPorts.protocol", "apt.protocol", Kind.ENUM, false);
        element("openPorts.serviceName", "apt.service_name", Kind.TEXT, true);

        element("interfaces.address", "aif.address", Kind.IP, true);
        element("interfaces.hostname", "aif.hostname", Kind.TEXT, true);
        element("interfaces.macAddress", "aif.mac_address", Kind.TEXT, true);

        asset("cloud.provider", "a.cloud_provider", Kind.ENUM, true);
        asset("cloud.region", "a.cloud_region", Kind.TEXT, true);
        asset("cloud.accountId", "a.cloud_account_id", Kind.TEXT, true);
        asset("cloud.instanceId", "a.cloud_instance_id", Kind.TEXT, true);
        asset("cloud.imageId", "a.cloud_image_id", Kind.TEXT, true);
        asset("cloud.publicIpAddress", "a.cloud_public_ip", Kind.IP, true);
        asset("cloud.hasPublicIp", "(a.cloud_public_ip IS NOT NULL)", Kind.BOOLEAN, false);

        element("tags.name", "tg.name", Kind.TEXT, false);
        element("tags.id", "tg.id", Kind.INTEGER, false);
        element("tags.criticalityScore", "tg.criticality_score", Kind.INTEGER, true);

        asset("business.application", "a.business_application", Kind.TEXT, true);
        asset("business.owner", "a.business_owner", Kind.TEXT, true);
        asset("business.criticality", "a.business_criticality", Kind.TEXT, true);
        asset("inventory.source", "a.inventory_sources", Kind.TEXT_ARRAY, false);

        element("vulnerabilities.typeDetected", "det.type", Kind.ENUM, false);
        element("vulnerabilities.status", "det.status", Kind.ENUM, false);
        element("vulnerabilities.firstFound", "det.first_found", Kind.INSTANT, false);
        element("vulnerabilities.lastFound", "det.last_found", Kind.INSTANT, false);
        vulnerability("vulnerabilities.qds", "vul.qds", Kind.INTEGER, true);
        element("vulnerabilities.port", "det.port", Kind.INTEGER, false);

        vulnerability("vulnerabilities.vulnerability.qid", "vul.qid", Kind.INTEGER, false);
        vulnerability("vulnerabilities.vulnerability.cveIds", "vul.cves", Kind.TEXT_ARRAY, false);
        vulnerability("vulnerabilities.vulnerability.title", "vul.title", Kind.TEXT, true);
        vulnerability("vulnerabilities.vulnerability.criticality", "vul.severity", Kind.SEVERITY, true);
        vulnerability("vulnerabilities.vulnerability.severity", "vul.severity", Kind.INTEGER, true);
        vulnerability("vulnerabilities.vulnerability.cvssScore", "vul.cvss_score", Kind.DOUBLE, true);
        vulnerability("vulnerabilities.vulnerability.patchAvailable", "vul.patch_available", Kind.BOOLEAN, true);
        // No vulnerability carries its own OS: this is the OS of the asset the detection is on.
        os("vulnerabilities.vulnerability.os", "osr.name", Kind.TEXT, false);

        vulnerability("vulnerabilities.riskFactor.cisaKnownExploits",
                "EXISTS (SELECT 1 FROM cve kev WHERE kev.id = ANY(vul.cves) AND kev.kev_date_added IS NOT NULL)", Kind.BOOLEAN, false);
        vulnerability("vulnerabilities.riskFactor.ransomware",
                "EXISTS (SELECT 1 FROM cve rw WHERE rw.id = ANY(vul.cves) AND rw.kev_ransomware)", Kind.BOOLEAN, false);
        vulnerability("vulnerabilities.riskFactor.exploitCodeMaturity", MATURITY, Kind.ENUM, false);
        vulnerability("vulnerabilities.riskFactor.epss", EPSS, Kind.DOUBLE, true);
    }

    private Storage() {}

    /**
     * The column of a field that holds values (not a group).
     *
     * @throws BadInputException when the field has no column yet
     */
    static Column column(Field field) {
        Column column = COLUMNS.get(field.path());
        if (column == null) {
            throw new BadInputException("qql", field.path() + " is not stored yet, so queries cannot search it");
        }
        return column;
    }

    /** The top-level group a field or group field belongs to; null for fields of the asset itself. */
    static Group group(Field field) {
        if (field.group() == null && field.type() != Type.GROUP) return null;
        int dot = field.path().indexOf('.');
        String top = dot < 0 ? field.path() : field.path().substring(0, dot);
        Group group = GROUPS.get(top);
        if (group == null) throw new BadInputException("qql", field.path() + " is a group that is not stored yet");
        return group;
    }

    private static void asset(String path, String sql, Kind kind, boolean nullable) {
        COLUMNS.put(path, new Column(Source.ASSET, sql, kind, nullable));
    }

    private static void os(String path, String sql, Kind kind, boolean nullable) {
        COLUMNS.put(path, new Column(Source.OS, sql, kind, nullable));
    }

    private static void element(String path, String sql, Kind kind, boolean nullable) {
        COLUMNS.put(path, new Column(Source.ELEMENT, sql, kind, nullable));
    }

    private static void vulnerability(String path, String sql, Kind kind, boolean nullable) {
        COLUMNS.put(path, new Column(Source.VULNERABILITY, sql, kind, nullable));
    }
}
