package io.regalia.core.cmdb;

import java.util.Objects;

/** A relationship between two configuration items by id, as {@code cmdb_rel_ci} stores it; {@code type} may be null. */
public record CmdbRelation(String parent, String child, String type) {
    public CmdbRelation {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(child, "child");
    }
}
