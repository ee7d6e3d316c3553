package io.regalia.store.tag;

import java.util.List;

/**
 * One tag as tags-as-code describes it, with its children: the tree is the whole tag catalog. Null
 * criticality or color means none; {@code rule} is {@link TagRule#STATIC} for a static tag.
 */
public record TagSpec(String name, TagRule rule, Integer criticality, String color, List<TagSpec> children) {
    public TagSpec {
        rule = rule == null ? TagRule.STATIC : rule;
        children = children == null ? List.of() : List.copyOf(children);
    }
}
