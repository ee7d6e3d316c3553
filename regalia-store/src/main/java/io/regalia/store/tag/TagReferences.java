package io.regalia.store.tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The tags a rule reads: by name pattern, by id, or any tag at all (criticality, presence). */
final class TagReferences {
    static final TagReferences NONE = new TagReferences();

    final List<Predicate<String>> names = new ArrayList<>();
    final Set<Long> ids = new HashSet<>();
    boolean anyTag;

    boolean refersTo(long id, String name) {
        return anyTag || ids.contains(id) || names.stream().anyMatch(n -> n.test(name));
    }
}
