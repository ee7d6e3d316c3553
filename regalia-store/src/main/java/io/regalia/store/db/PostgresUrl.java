package io.regalia.store.db;

import io.regalia.core.report.BadInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A database URL as users write it, {@code postgresql://user:password@host:port/db?params} (libpq style,
 * also {@code postgres://}) or {@code jdbc:postgresql://host:port/db?params}, turned into what PgJDBC
 * takes: a JDBC URL with the credentials apart, so the password never appears in a logged URL.
 */
record PostgresUrl(String jdbcUrl, String user, String password) {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&]password=)[^&]*");

    static boolean looksLikeUrl(String value) {
        return value.contains("://") || value.toLowerCase(Locale.ROOT).startsWith("jdbc:");
    }

    /** @param where the flag or variable the URL came from, for error messages */
    static PostgresUrl parse(String url, String where) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return new PostgresUrl(url, null, null);
        }
        String rest;
        if (lower.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else {
            throw new BadInputException(where, "unsupported database URL '" + redact(url)
                    + "': use postgresql://user:password@host:port/database or jdbc:postgresql://host:port/database");
        }
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int pathStart = beforeQuery.indexOf('/');
        String authority = pathStart < 0 ? beforeQuery : beforeQuery.substring(0, pathStart);
        String database = pathStart < 0 ? "" : beforeQuery.substring(pathStart + 1);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hosts = at < 0 ? authority : authority.substring(at + 1);
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        if (database.isEmpty()) {
            throw new BadInputException(where, "database URL '" + redact(url) + "' names no database");
        }
        String user = null;
        String password = null;
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), where);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), where);
        }
        return new PostgresUrl("jdbc:postgresql://" + hosts + "/" + database + query, user, password);
    }

    /** The URL with any password replaced by {@code ***}: safe to log or show. */
    static String redact(String url) {
        String withoutUserInfoPassword = url.replaceFirst("(://[^/@:]*):[^/@]*@", "$1:***@");
        return PASSWORD_PARAM.matcher(withoutUserInfoPassword).replaceAll("$1***");
    }

    String redactedJdbcUrl() {
        return redact(jdbcUrl) + (user == null ? "" : " as " + user);
    }

    private static String decode(String text, String where) {
        try {
            // percent-decoding only: '+' is a literal plus in a URL's user info
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where, "bad percent-encoding in the database URL's user or password");
        }
    }

    @Override
    public String toString() {
        return redactedJdbcUrl();
    }
}
