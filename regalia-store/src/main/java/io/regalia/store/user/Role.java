package io.regalia.store.user;

/** What a user may do: administer, change data (imports, tags), or only read. */
public enum Role { ADMIN, ANALYST, VIEWER }
