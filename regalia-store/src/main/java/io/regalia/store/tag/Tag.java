package io.regalia.store.tag;

/** A tag as stored: {@code criticality} is null when the tag carries no score. */
public record Tag(long id, String name, Long parentId, String parentName, Integer criticality, String color,
                  String ruleType, String rule, long assets) {}
