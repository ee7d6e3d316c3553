/**
 * What package scanners (Trivy, Grype, CycloneDX) report: one artifact — a container image or a
 * filesystem — with its packages as software and its vulnerable packages as detections.
 */
package io.regalia.ingest.artifact;
