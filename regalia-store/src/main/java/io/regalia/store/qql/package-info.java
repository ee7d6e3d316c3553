/**
 * QQL to SQL: {@link io.regalia.store.qql.QqlSql#compile} turns a typed query into a boolean SQL expression
 * over the asset table (alias {@code a}) with every value bound as a named parameter, for asset search,
 * dynamic tags and scopes alike.
 */
package io.regalia.store.qql;
