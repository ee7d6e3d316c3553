package io.regalia.store.qql;

/**
 * How a compiled predicate will be evaluated, which decides how an asset's rows (software, tags, detections) are
 * matched against what a search found in a dictionary (products, tags, vulnerabilities). The search itself runs
 * once per statement either way, never once per asset.
 */
public enum Evaluation {
    /** Over many assets in one statement, as a rule evaluated on the whole estate or a search. */
    SET {
        /**
         * The found ids as an array, which goes through the index by product or tag: a search names few products or
         * tags, and reading their rows by index costs less than reading the software table (a hundred rows an asset)
         * whole.
         */
        @Override
        public String productOrTag(String column, String dictionarySearch) {
            return column + " = ANY (ARRAY(" + dictionarySearch + "))";
        }

        /**
         * As a conjunct of the statement, a semi-join PostgreSQL plans as it sees fit, usually a hash: a vulnerability
         * search (known exploited, a severity) finds hundreds of vulnerabilities found on most assets, and reading
         * their detections through the index by vulnerability visits most of the table in random order, two to three
         * times slower than reading it. Under OR or NOT the search is an array, as for products, computed once: a
         * semi-join there would be planned and run again for every asset.
         */
        @Override
        public String vulnerability(String column, String dictionarySearch, boolean conjunct) {
            return conjunct ? column + " IN (" + dictionarySearch + ")" : productOrTag(column, dictionarySearch);
        }
    },
    /**
     * Asset by asset, as a column of a lateral subquery (the tag engine on a few touched assets): the found ids are
     * hashed once and each row of the asset is probed. Matching an array through an index instead sorts the array
     * again for every asset, which costs more than the asset's own rows once it holds a few hundred ids.
     */
    PER_ASSET {
        @Override
        public String productOrTag(String column, String dictionarySearch) {
            return hashed(column, dictionarySearch);
        }

        @Override
        public String vulnerability(String column, String dictionarySearch, boolean conjunct) {
            return hashed(column, dictionarySearch);
        }
    };

    /** True when {@code column} holds a software product or tag id that {@code dictionarySearch} ({@code SELECT id …}) returns. */
    public abstract String productOrTag(String column, String dictionarySearch);

    /**
     * True when {@code column} holds a vulnerability id that {@code dictionarySearch} ({@code SELECT id …}) returns;
     * {@code conjunct} when the predicate is an {@code EXISTS} under no OR or NOT, which PostgreSQL turns into a join.
     */
    public abstract String vulnerability(String column, String dictionarySearch, boolean conjunct);

    private static String hashed(String column, String dictionarySearch) {
        // IS TRUE keeps PostgreSQL from turning the IN into a join planned for each asset, so the search stays one
        // hashed subplan. The column is never NULL, so the value is unchanged.
        return "(" + column + " IN (" + dictionarySearch + ")) IS TRUE";
    }
}
