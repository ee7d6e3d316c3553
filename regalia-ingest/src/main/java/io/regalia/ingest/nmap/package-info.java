/** Nmap XML: hosts and open ports, and the {@code vulners} script's CVEs as {@code cve:<id>} detections. */
package io.regalia.ingest.nmap;
