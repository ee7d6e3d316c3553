package io.regalia.core.model;

/** category1 is the family (Windows, Linux, …), category2 the role (Server, Client, …). */
public record OperatingSystem(String name, String version, String publisher,
                              String category1, String category2, Lifecycle lifecycle) {}
