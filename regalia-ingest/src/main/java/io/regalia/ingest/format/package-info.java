/**
 * Which report format a file is in, told from its first kilobytes (root element, first JSON keys, CSV
 * header row), and which reader reads it.
 */
package io.regalia.ingest.format;
