package io.regalia.ingest.demo;

import static io.regalia.ingest.demo.DemoData.blankToNull;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One installable release of a product, from software.csv. {@code platforms} are tokens as understood by
 * {@link Platform#matches}; {@code group} says when it is installed: {@code base} and {@code host} always,
 * {@code extra} as filler, anything else when the asset's role asks for that group.
 */
record SoftwareVariant(int index, String product, String version, String publisher, String category1, String category2,
                       List<String> platforms, String group, double weight, LocalDate eos, LocalDate eol) {

    static final List<SoftwareVariant> ALL = load();

    private static List<SoftwareVariant> load() {
        int[] i = {0};
        return DemoData.read("software.csv", r -> new SoftwareVariant(i[0]++, r.get("product"), r.get("version"),
                r.get("publisher"), r.get("category1"), r.get("category2"),
                Arrays.asList(r.get("platforms").trim().split("\\s+")), r.get("group"), Double.parseDouble(r.get("weight")),
                date(r.get("eos")), date(r.get("eol"))));
    }

    private static LocalDate date(String s) {
        String t = blankToNull(s);
        return t == null ? null : LocalDate.parse(t);
    }

    boolean runsOn(Platform p) {
        for (String t : platforms) if (p.matches(t)) return true;
        return false;
    }
}
