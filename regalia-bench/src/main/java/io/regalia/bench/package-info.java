/**
 * Scale scenarios: plain programs that build an estate in a throwaway embedded PostgreSQL, run one of
 * Regalia's hot paths on it (import, full rescore, scanner XML import) and print rates next to the
 * database's own ceiling for the same rows (COPY into a bare table, one hand-written aggregate). The one
 * entry point is {@link io.regalia.bench.Bench}; docs/performance.md has the command and the figures.
 */
package io.regalia.bench;
