package io.regalia.core.qql;

/**
 * The QQL front-end: query text in, typed {@link Query} out, or a {@link QqlException} that names the
 * column. Thread-safe. The inverse is {@link Query#toString()}.
 */
public final class Qql {
    private static final Analyzer STANDARD = new Analyzer(FieldCatalog.standard());

    private Qql() {}

    /**
     * Parses and type-checks a query against {@link FieldCatalog#standard()}.
     *
     * @throws QqlException when the query is empty, malformed, names an unknown field or has a value of the wrong type
     */
    public static Query parse(String query) {
        return STANDARD.analyze(query);
    }
}
