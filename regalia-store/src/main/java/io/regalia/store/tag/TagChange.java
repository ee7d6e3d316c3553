package io.regalia.store.tag;

import java.util.Optional;

/**
 * The attributes of a tag to create or change. For an update, an empty Optional leaves the attribute as
 * it is, and {@link #CLEAR} (criticality 0, an empty parent or color) removes it. A rule of type
 * {@link RuleType#STATIC} makes the tag static, keeping its current members.
 */
public record TagChange(String name, Optional<Integer> criticality, Optional<String> parent, Optional<String> color,
                        Optional<TagRule> rule) {
    public static final int CLEAR = 0;

    public TagChange {
        criticality = criticality == null ? Optional.empty() : criticality;
        parent = parent == null ? Optional.empty() : parent;
        color = color == null ? Optional.empty() : color;
        rule = rule == null ? Optional.empty() : rule;
    }

    /** A change that leaves the rule as it is (a new tag is static). */
    public TagChange(String name, Optional<Integer> criticality, Optional<String> parent, Optional<String> color) {
        this(name, criticality, parent, color, Optional.empty());
    }
}
