package io.regalia.core.model;

public enum DetectionType { CONFIRMED, POTENTIAL, INFO }
