package io.regalia.core.model;

public record Software(String name, String version, String publisher, String category1, String category2,
                       Lifecycle lifecycle) {}
