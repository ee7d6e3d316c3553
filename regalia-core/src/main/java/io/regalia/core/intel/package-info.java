/**
 * Threat-intelligence facts as the public feeds publish them: CISA KEV entries, FIRST EPSS scores and
 * NVD CVE records, each with the feed's own release date that risk explanations cite.
 */
package io.regalia.core.intel;
