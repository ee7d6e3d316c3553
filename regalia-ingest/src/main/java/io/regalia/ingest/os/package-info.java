/**
 * The catalog of operating system releases: which family and role an OS string belongs to, who publishes
 * it, and where it stands in its vendor's support lifecycle on a given day.
 */
package io.regalia.ingest.os;
