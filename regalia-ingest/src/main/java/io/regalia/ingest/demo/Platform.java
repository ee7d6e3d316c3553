package io.regalia.ingest.demo;

import static io.regalia.ingest.demo.DemoData.blankToNull;

import java.time.LocalDate;
import java.util.List;

/**
 * One operating system the estate can run, from operating-systems.csv. {@code base} names the distribution
 * a container image is built on, so distribution packages match it; {@code kind} says which kind of asset
 * runs it; {@code placement} restricts where (onprem, aws) or allows any.
 */
record Platform(int index, String id, String name, String version, String publisher, String family, String category2,
                String base, Kind kind, String placement, double weight, LocalDate eos, LocalDate eol) {

    enum Kind { SERVER, WORKSTATION, MAC, NETWORK, CONTAINER }

    static final List<Platform> ALL = load();

    private static List<Platform> load() {
        int[] i = {0};
        return DemoData.read("operating-systems.csv", r -> new Platform(i[0]++, r.get("id"), r.get("name"), r.get("version"),
                r.get("publisher"), r.get("family"), r.get("category2"), blankToNull(r.get("base")),
                Kind.valueOf(r.get("kind").toUpperCase(java.util.Locale.ROOT)), r.get("placement"),
                Double.parseDouble(r.get("weight")), date(r.get("eos")), date(r.get("eol"))));
    }

    private static LocalDate date(String s) {
        String t = blankToNull(s);
        return t == null ? null : LocalDate.parse(t);
    }

    /**
     * Whether a platform token from the data files names this platform: its id, the distribution it is
     * based on, its family (Windows, Linux, macOS, Network) or family/role (Linux/Server, Windows/Client).
     */
    boolean matches(String token) {
        return token.equals(id) || token.equals(base) || token.equals(family) || token.equals(family + "/" + category2);
    }

    boolean isWindows() {
        return family.equals("Windows");
    }
}
