package io.regalia.core.risk;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The asset criticality score 1–5: the highest criticality over the asset's tags, or the model's
 * default when none of them carries one.
 *
 * @param setBy the tags that carry the maximum, sorted; empty when the default applies
 */
public record Acs(int value, List<String> setBy) {
    public static final String DEFAULT_PROVENANCE = "default";

    public Acs {
        if (value < 1 || value > 5) throw new IllegalArgumentException("ACS must be 1–5, got " + value);
        setBy = List.copyOf(setBy);
    }

    public static Acs of(Collection<TagCriticality> tags, ScoringModel model) {
        int max = tags.stream().map(TagCriticality::criticality).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).max().orElse(0);
        if (max == 0) return new Acs(model.defaultAcs(), List.of());
        List<String> setBy = tags.stream().filter(t -> t.criticality() != null && t.criticality() == max)
                .map(TagCriticality::tag).distinct().sorted().toList();
        return new Acs(max, setBy);
    }

    public boolean isDefault() {
        return setBy.isEmpty();
    }

    /** {@value #DEFAULT_PROVENANCE}, or the tags that set the value, comma separated. */
    public String provenance() {
        return isDefault() ? DEFAULT_PROVENANCE : String.join(", ", setBy);
    }
}
