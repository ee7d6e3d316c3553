/**
 * QQL, the asset query language: {@link io.regalia.core.qql.Qql#parse} turns query text into a typed
 * {@link io.regalia.core.qql.Query} whose fields come from the {@link io.regalia.core.qql.FieldCatalog}.
 * The grammar ({@code Qql.g4}) is the language's definition; the classes it generates are internal.
 */
package io.regalia.core.qql;
