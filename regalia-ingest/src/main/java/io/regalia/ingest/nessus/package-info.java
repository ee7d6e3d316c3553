/** Nessus v2 XML ({@code .nessus}); vulnerabilities are keyed {@code nessus:<pluginID>}. */
package io.regalia.ingest.nessus;
