package io.regalia.ingest.demo;

import static io.regalia.ingest.demo.DemoData.blankToNull;

import io.regalia.core.model.DetectionType;
import io.regalia.core.model.VulnerabilityInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One vulnerability of the demo catalog (vulnerabilities.csv) and the rules saying which assets have it.
 * {@code appliesTo} holds alternatives separated by " ; ", each a conjunction of clauses separated by " & ":
 * {@code any}, {@code sw=Product|Other@[from,to)|[from,to)}, {@code os=token|token}, {@code role=dc|file},
 * {@code port=443|8443}, {@code eol=os|sw} (the OS or the matched software is past end of life),
 * {@code agent} (the asset runs the agent), {@code cloud} or {@code cloud=aws}.
 */
record CatalogEntry(int index, VulnerabilityInfo info, DetectionType type, Integer port, boolean flagship,
                    List<Rule> rules, LocalDate earliest) {

    static final Pattern CVE_ID = Pattern.compile("CVE-\\d{4}-\\d{4,7}");
    /** " & " separates clauses, but product names may contain it too (Veeam Backup & Replication). */
    private static final Pattern CLAUSES = Pattern.compile(" & (?=(any|agent|cloud|sw|os|role|port|eol)\\b)");

    static final List<CatalogEntry> ALL = load();

    enum Eol { NONE, OS, SW }

    /** One alternative of appliesTo; null or empty parts place no constraint. */
    record Rule(Set<String> products, List<Version.Range> ranges, List<String> osTokens, Set<String> roles, int[] ports,
                Eol eol, boolean agent, String cloud) {

        boolean matchesProduct(SoftwareVariant v) {
            if (products == null || !products.contains(v.product())) return false;
            if (ranges.isEmpty()) return true;
            for (Version.Range r : ranges) if (r.contains(v.version())) return true;
            return false;
        }

        boolean matchesPlatform(Platform p) {
            if (osTokens == null) return true;
            for (String t : osTokens) if (p.matches(t)) return true;
            return false;
        }

        static Rule parse(String text) {
            Set<String> products = null;
            List<Version.Range> ranges = List.of();
            List<String> os = null;
            Set<String> roles = null;
            int[] ports = null;
            Eol eol = Eol.NONE;
            boolean agent = false;
            String cloud = null;
            for (String raw : CLAUSES.split(text)) {
                String clause = raw.trim();
                int eq = clause.indexOf('=');
                String name = eq < 0 ? clause : clause.substring(0, eq);
                String value = eq < 0 ? "" : clause.substring(eq + 1);
                switch (name) {
                    case "any" -> { }
                    case "agent" -> agent = true;
                    case "cloud" -> cloud = value.isEmpty() ? "any" : value;
                    case "sw" -> {
                        int at = value.indexOf('@');
                        products = Set.of((at < 0 ? value : value.substring(0, at)).split("\\|"));
                        if (at >= 0) {
                            List<Version.Range> rs = new ArrayList<>();
                            for (String r : value.substring(at + 1).split("\\|")) rs.add(Version.Range.parse(r));
                            ranges = List.copyOf(rs);
                        }
                    }
                    case "os" -> os = List.of(value.split("\\|"));
                    case "role" -> roles = Set.of(value.split("\\|"));
                    case "port" -> ports = Arrays.stream(value.split("\\|")).mapToInt(Integer::parseInt).toArray();
                    case "eol" -> eol = Eol.valueOf(value.toUpperCase(Locale.ROOT));
                    default -> throw new IllegalArgumentException("unknown appliesTo clause: " + clause);
                }
            }
            if (eol == Eol.SW && products == null) throw new IllegalArgumentException("eol=sw needs an sw clause: " + text);
            return new Rule(products, ranges, os, roles, ports, eol, agent, cloud);
        }
    }

    private static List<CatalogEntry> load() {
        int[] i = {0};
        return DemoData.read("vulnerabilities.csv", r -> {
            List<String> cves = r.get("cves").isBlank() ? List.of() : List.of(r.get("cves").trim().split("\\s+"));
            int maxYear = 0;
            for (String c : cves) {
                if (!CVE_ID.matcher(c).matches()) throw new IllegalArgumentException("malformed CVE id " + c);
                maxYear = Math.max(maxYear, Integer.parseInt(c.substring(4, 8)));
            }
            String port = blankToNull(r.get("port"));
            VulnerabilityInfo info = new VulnerabilityInfo(r.get("key"), Long.parseLong(r.get("qid")), r.get("title"),
                    Integer.parseInt(r.get("severity")), cves, null, blankToNull(r.get("cvss3")), null, null,
                    Boolean.parseBoolean(r.get("patchAvailable")), null);
            List<Rule> rules = new ArrayList<>();
            for (String alt : r.get("appliesTo").split(" ; ")) rules.add(Rule.parse(alt));
            return new CatalogEntry(i[0]++, info, DetectionType.valueOf(r.get("type")), port == null ? null : Integer.valueOf(port),
                    Boolean.parseBoolean(r.get("flagship")), List.copyOf(rules), maxYear == 0 ? null : LocalDate.of(maxYear, 1, 1));
        });
    }
}
