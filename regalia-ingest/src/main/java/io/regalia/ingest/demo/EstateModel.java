package io.regalia.ingest.demo;

import io.regalia.core.model.DetectionType;
import io.regalia.core.model.Lifecycle;
import io.regalia.core.model.LifecycleStage;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.model.Software;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about the demo data that depends only on the scan day: lifecycle stages of operating systems
 * and software, which products each platform installs per group, and which catalog entries each platform
 * and each software release can raise. Built once per generation; shared, immutable values only.
 */
final class EstateModel {

    /** One product a platform can install, with its releases for that platform and their cumulative weights. */
    record Product(int id, String name, SoftwareVariant[] variants, double[] cumulative) {
        SoftwareVariant pick(double u) {
            double x = u * cumulative[cumulative.length - 1];
            for (int i = 0; i < cumulative.length; i++) if (x < cumulative[i]) return variants[i];
            return variants[variants.length - 1];
        }
    }

    /** A catalog rule that may fire for an asset; {@code platformOk} (null: any) and the rule's residual clauses are checked per asset. */
    record Candidate(CatalogEntry entry, CatalogEntry.Rule rule, boolean[] platformOk, String results) {}

    final LocalDate today;
    final OperatingSystem[] os;
    final Software[] software;
    /** Per platform: group name to products, in data-file order. */
    final List<Map<String, Product[]>> products;
    final Candidate[][] platformCandidates;
    final Candidate[][] variantCandidates;
    /** Per catalog entry: the epoch day its newest CVE's year began (no detection is older), or Long.MIN_VALUE. */
    final long[] earliestDay;
    /** Number of distinct product names; {@link Product#id()} is below it. */
    final int productCount;

    EstateModel(LocalDate today) {
        this.today = today;
        List<Platform> platforms = Platform.ALL;
        List<SoftwareVariant> variants = SoftwareVariant.ALL;
        os = new OperatingSystem[platforms.size()];
        boolean[] osEol = new boolean[platforms.size()];
        for (Platform p : platforms) {
            Lifecycle lc = lifecycle(p.eos(), p.eol());
            os[p.index()] = new OperatingSystem(p.name(), p.version(), p.publisher(), p.family(), p.category2(), lc);
            osEol[p.index()] = lc != null && lc.stage() == LifecycleStage.EOL;
        }
        software = new Software[variants.size()];
        boolean[] swEol = new boolean[variants.size()];
        for (SoftwareVariant v : variants) {
            Lifecycle lc = lifecycle(v.eos(), v.eol());
            software[v.index()] = new Software(v.product(), v.version(), v.publisher(), v.category1(), v.category2(), lc);
            swEol[v.index()] = lc != null && lc.stage() == LifecycleStage.EOL;
        }
        Map<String, Integer> productIds = new LinkedHashMap<>();
        for (SoftwareVariant v : variants) productIds.putIfAbsent(v.product(), productIds.size());
        productCount = productIds.size();
        products = new ArrayList<>();
        for (Platform p : platforms) products.add(productsFor(p, variants, productIds));
        earliestDay = CatalogEntry.ALL.stream().mapToLong(e -> e.earliest() == null ? Long.MIN_VALUE : e.earliest().toEpochDay()).toArray();

        List<List<Candidate>> byPlatform = new ArrayList<>();
        List<List<Candidate>> byVariant = new ArrayList<>();
        for (int i = 0; i < platforms.size(); i++) byPlatform.add(new ArrayList<>());
        for (int i = 0; i < variants.size(); i++) byVariant.add(new ArrayList<>());
        for (CatalogEntry e : CatalogEntry.ALL) {
            for (CatalogEntry.Rule rule : e.rules()) {
                if (rule.products() == null) {
                    for (Platform p : platforms) {
                        if (!rule.matchesPlatform(p)) continue;
                        if (rule.eol() == CatalogEntry.Eol.OS && !osEol[p.index()]) continue;
                        byPlatform.get(p.index()).add(new Candidate(e, rule, null,
                                e.type() == DetectionType.INFO ? null : "Detected: " + p.name() + (p.name().contains(p.version()) ? "" : " " + p.version())));
                    }
                } else {
                    boolean[] ok = null;
                    if (rule.osTokens() != null) {
                        ok = new boolean[platforms.size()];
                        for (Platform p : platforms) ok[p.index()] = rule.matchesPlatform(p);
                    }
                    for (SoftwareVariant v : variants) {
                        if (!rule.matchesProduct(v)) continue;
                        if (rule.eol() == CatalogEntry.Eol.SW && !swEol[v.index()]) continue;
                        byVariant.get(v.index()).add(new Candidate(e, rule, ok, "Installed version: " + v.product() + " " + v.version()));
                    }
                }
            }
        }
        platformCandidates = byPlatform.stream().map(l -> l.toArray(Candidate[]::new)).toArray(Candidate[][]::new);
        variantCandidates = byVariant.stream().map(l -> l.toArray(Candidate[]::new)).toArray(Candidate[][]::new);
    }

    private Lifecycle lifecycle(LocalDate eos, LocalDate eol) {
        if (eos == null && eol == null) return null;
        LifecycleStage stage = eol != null && !today.isBefore(eol) ? LifecycleStage.EOL
                : eos != null && !today.isBefore(eos) ? LifecycleStage.EOS : LifecycleStage.GA;
        return new Lifecycle(stage, eol, eos);
    }

    private static Map<String, Product[]> productsFor(Platform p, List<SoftwareVariant> variants, Map<String, Integer> ids) {
        Map<String, Map<String, List<SoftwareVariant>>> grouped = new LinkedHashMap<>();
        for (SoftwareVariant v : variants) {
            if (!v.runsOn(p)) continue;
            grouped.computeIfAbsent(v.group(), g -> new LinkedHashMap<>()).computeIfAbsent(v.product(), n -> new ArrayList<>()).add(v);
        }
        Map<String, Product[]> out = new LinkedHashMap<>();
        grouped.forEach((group, byName) -> out.put(group, byName.entrySet().stream().map(e -> {
            SoftwareVariant[] vs = e.getValue().toArray(SoftwareVariant[]::new);
            double[] cum = new double[vs.length];
            double sum = 0;
            for (int i = 0; i < vs.length; i++) cum[i] = sum += vs[i].weight();
            return new Product(ids.get(e.getKey()), e.getKey(), vs, cum);
        }).toArray(Product[]::new)));
        return out;
    }
}
