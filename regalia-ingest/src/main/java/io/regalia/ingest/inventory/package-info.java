/**
 * Regalia's own inventory JSON ({@code "format": "regalia-inventory/1"}): the streaming reader that turns it into
 * report events, and the streaming writer that exports host observations back to it.
 */
package io.regalia.ingest.inventory;
