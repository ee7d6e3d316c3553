package io.regalia.store.tag;

import java.util.Optional;

/**
 * The attributes of a tag to create or change. For an update, an empty Optional leaves the attribute as
 * it is, and {@link #CLEAR} (criticality 0, an empty parent or color) removes it.
 */
public record TagChange(String name, Optional<Integer> criticality, Optional<String> parent, Optional<String> color) {
    public static final int CLEAR = 0;
}
