/**
 * Qualys XML: host detection API output ({@code qualys-detection}), VM scan reports ({@code qualys-scan})
 * and asset data reports ({@code qualys-asset}). Vulnerabilities are keyed {@code qualys:<QID>} and
 * hosts carry {@code qualys:<host ID>} as their external id where the format gives one.
 */
package io.regalia.ingest.qualys;
