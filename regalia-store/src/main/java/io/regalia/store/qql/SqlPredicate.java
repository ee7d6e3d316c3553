package io.regalia.store.qql;

import java.util.Map;

/** A boolean SQL expression over the asset table aliased {@code a}, with its named parameters. */
public record SqlPredicate(String sql, Map<String, Object> params) {
    public SqlPredicate {
        params = Map.copyOf(params);
    }
}
