/**
 * Streaming access to JSON reports: walk the top levels token by token, materialize one small subtree
 * (a result, a match, a vulnerability) at a time, and report bad input with file, line, column and
 * JSON path.
 */
package io.regalia.ingest.json;
