package io.regalia.core.risk;

import java.util.Objects;

/** A tag an asset carries and the criticality 1–5 it sets, or null when the tag sets none. */
public record TagCriticality(String tag, Integer criticality) {
    public TagCriticality {
        Objects.requireNonNull(tag, "tag");
        if (criticality != null && (criticality < 1 || criticality > 5)) {
            throw new IllegalArgumentException("criticality of tag " + tag + " must be 1–5, got " + criticality);
        }
    }
}
