package io.regalia.core.model;

public record Hardware(String category1, String category2, String manufacturer, String model) {}
