/** Grype JSON reports. */
package io.regalia.ingest.grype;
