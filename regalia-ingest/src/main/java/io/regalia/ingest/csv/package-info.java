/**
 * CSV exports of network scanners: Qualys (scan report and VMDR lists), Nessus / Tenable.io /
 * Tenable.sc, OpenVAS. The header row is found by its columns (metadata lines may precede it); rows
 * are streamed and consecutive rows of one host become one host observation.
 */
package io.regalia.ingest.csv;
