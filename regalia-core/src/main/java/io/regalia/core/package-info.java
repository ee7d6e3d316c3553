/** Regalia's domain: model records, the query language and the risk model. No I/O. */
package io.regalia.core;
