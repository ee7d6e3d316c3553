package io.regalia.store.qql;

/**
 * How a compiled predicate will be evaluated, which decides how an asset's rows (software, detections, tags) are
 * matched against what a search found in a dictionary (products, vulnerabilities, tags).
 */
public enum Evaluation {
    /**
     * Over many assets in one statement: the dictionary matches are an array, so the search can go through the
     * index by product or by vulnerability, whole tables at a time.
     */
    SET {
        @Override
        public String member(String column, String dictionarySearch) {
            return column + " = ANY (ARRAY(" + dictionarySearch + "))";
        }
    },
    /**
     * Asset by asset, as a column of a lateral subquery: the dictionary matches are hashed once per statement and
     * each row of the asset is probed in the hash. Matching an array in the index instead sorts it again for every
     * asset, which costs more than the asset's rows do once it holds a few hundred ids.
     */
    PER_ASSET {
        @Override
        public String member(String column, String dictionarySearch) {
            // IS TRUE keeps PostgreSQL from turning the IN into a join planned per asset; the subquery stays one
            // hashed subplan. The column is never NULL, so the value is unchanged.
            return "(" + column + " IN (" + dictionarySearch + ")) IS TRUE";
        }
    };

    /** True when {@code column} holds one of the ids {@code dictionarySearch} (a {@code SELECT id …}) returns. */
    public abstract String member(String column, String dictionarySearch);
}
