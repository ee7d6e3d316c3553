/** Trivy JSON reports (SchemaVersion 2 and the legacy top-level list of results). */
package io.regalia.ingest.trivy;
