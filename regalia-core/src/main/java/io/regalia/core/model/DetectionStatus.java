package io.regalia.core.model;

/** Lifecycle of a detection: New → Active → Fixed → Re-Opened. */
public enum DetectionStatus {
    NEW, ACTIVE, FIXED, REOPENED;

    public boolean isOpen() { return this != FIXED; }
}
