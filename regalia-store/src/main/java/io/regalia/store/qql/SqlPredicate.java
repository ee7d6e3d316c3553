package io.regalia.store.qql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A boolean SQL expression over the asset table aliased {@code a} ({@code SELECT a.id FROM asset a WHERE sql})
 * and the values of its named parameters ({@code :q0}, {@code :q1}, ...). Arrays are Java arrays; bind the
 * map as it is, e.g. with Jdbi's {@code bindMap(params)}.
 */
public record SqlPredicate(String sql, Map<String, Object> params) {
    public SqlPredicate {
        Objects.requireNonNull(sql, "sql");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
    }
}
