package io.regalia.store.inventory;

/** One report to import: its file name for messages, its content hash (a re-import is recognised by it). */
public record ImportRequest(String file, String sha256, String format) {}
