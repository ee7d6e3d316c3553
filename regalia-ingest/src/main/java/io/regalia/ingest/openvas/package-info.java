/** OpenVAS / Greenbone XML reports; vulnerabilities are keyed {@code openvas:<NVT OID>}. */
package io.regalia.ingest.openvas;
