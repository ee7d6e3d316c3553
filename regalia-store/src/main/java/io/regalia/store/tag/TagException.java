package io.regalia.store.tag;

import io.regalia.core.report.BadInputException;

/** A tag request that cannot be honoured: unknown tag, duplicate name, invalid value or rule. */
public final class TagException extends BadInputException {
    private final Kind kind;

    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    public TagException(Kind kind, String message) {
        this(kind, null, message);
    }

    /** An error in one entry of a file: {@code where} names the file and the entry's path. */
    public TagException(Kind kind, String where, String message) {
        super(where, message);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
