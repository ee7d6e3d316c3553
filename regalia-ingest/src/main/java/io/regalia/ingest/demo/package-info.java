/**
 * A deterministic demo and benchmark estate: realistic servers, workstations, network devices and
 * container images with installed software, open ports and detections of real CVEs, streamed as report
 * events without ever holding the estate in memory; plus matching demo threat intel (a KEV subset and
 * synthetic EPSS scores).
 */
package io.regalia.ingest.demo;
