package io.regalia.ingest.cyclonedx;

import java.util.List;

/** The parts of a BOM the reader uses, the same whether the BOM was JSON or XML. */
final class Bom {
    private Bom() {}

    record Component(String ref, String type, String name, String version, String publisher) {}

    record Rating(String source, Double score, String severity, String method, String vector) {}

    /** {@code where} locates the vulnerability in the file for warnings. */
    record Vulnerability(String where, String id, List<String> referenceIds, List<Rating> ratings,
                         String state, String justification, String detail, List<String> affects,
                         String description) {}
}
