/**
 * A realistic, deterministic demo and benchmark estate: servers, workstations, cloud instances,
 * containers and network devices with real CVEs, and the threat intel that goes with them.
 */
package io.regalia.ingest.demo;
