/**
 * Readers for the public threat-intel feeds, from files: CISA KEV (JSON or CSV), FIRST EPSS (CSV, plain or
 * gzip) and NVD CVE API 2.0 JSON. Each streams its records to a consumer and returns the feed's own date.
 * Errors name the file, the line (and column) and, for JSON, the path of the bad value.
 */
package io.regalia.ingest.intel;
