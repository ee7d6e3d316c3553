package io.regalia.ingest.qualys;

import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.Protocol;
import io.regalia.ingest.xml.HostDraft;
import io.regalia.ingest.xml.XmlCursor;

import java.util.List;
import java.util.Locale;

/** Vocabulary shared by the Qualys XML formats. */
final class QualysValues {

    /** "Open TCP Services List" and "Open UDP Services List": tables of every open port the scan found. */
    static final long QID_OPEN_TCP_SERVICES = 82023;
    static final long QID_OPEN_UDP_SERVICES = 82004;

    private QualysValues() {}

    static String externalId(String hostId) {
        return hostId == null ? null : "qualys:" + hostId;
    }

    static String key(long qid) {
        return "qualys:" + qid;
    }

    /** Detection TYPE (Confirmed/Potential/Info) or asset-report TYPE (Vuln/Practice/Ig). */
    static DetectionType type(XmlCursor at, String text) {
        if (text == null) return DetectionType.CONFIRMED;
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "confirmed", "vuln", "vulnerability" -> DetectionType.CONFIRMED;
            case "potential", "practice" -> DetectionType.POTENTIAL;
            case "info", "ig", "information gathered" -> DetectionType.INFO;
            default -> {
                at.warn("unknown detection type '" + text + "'; taken as Confirmed");
                yield DetectionType.CONFIRMED;
            }
        };
    }

    /** STATUS / VULN_STATUS: New, Active, Fixed, Re-Opened. */
    static DetectionStatus status(XmlCursor at, String text) {
        if (text == null) return null;
        return switch (text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "")) {
            case "new" -> DetectionStatus.NEW;
            case "active" -> DetectionStatus.ACTIVE;
            case "fixed" -> DetectionStatus.FIXED;
            case "reopened" -> DetectionStatus.REOPENED;
            default -> {
                at.warn("unknown detection status '" + text + "'; ignored");
                yield null;
            }
        };
    }

    static Protocol protocol(String text) {
        if (text == null) return null;
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            default -> null;
        };
    }

    static boolean listsOpenServices(long qid) {
        return qid == QID_OPEN_TCP_SERVICES || qid == QID_OPEN_UDP_SERVICES;
    }

    /**
     * Adds the ports of an open-services table (tab-separated, header first: Port, IANA Assigned
     * Ports/Services, Description, Service Detected, …). The detected service wins over the IANA name.
     */
    static void openServices(HostDraft host, long qid, String table) {
        if (table == null) return;
        Protocol protocol = qid == QID_OPEN_UDP_SERVICES ? Protocol.UDP : Protocol.TCP;
        List<String> lines = table.lines().toList();
        if (lines.isEmpty()) return;
        List<String> header = List.of(lines.get(0).split("\t"));
        int portColumn = Math.max(0, indexOf(header, "port"));
        int ianaColumn = indexOf(header, "iana assigned ports/services");
        int detectedColumn = indexOf(header, "service detected");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t");
            int port;
            try {
                port = Integer.parseInt(cell(cells, portColumn));
            } catch (NumberFormatException e) {
                continue;
            }
            String service = cell(cells, detectedColumn);
            if (service.isEmpty() || service.equalsIgnoreCase("unknown")) service = cell(cells, ianaColumn);
            host.openPort(port, protocol, service.isEmpty() || service.equalsIgnoreCase("unknown") ? null : service);
        }
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private static String cell(String[] cells, int column) {
        return column >= 0 && column < cells.length ? cells[column].trim() : "";
    }
}
