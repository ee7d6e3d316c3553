package io.regalia.ingest.xml;

/** A place in the input that warnings about a host or finding refer to. */
public interface SourcePosition {

    /** {@code file:line:column}, or at least the file. */
    String where();

    /** Reports odd but usable content at this place. */
    void warn(String message);

    /** A position that stays put: for hosts built after the parser has moved on (OpenVAS). */
    static SourcePosition fixed(String where, ReportStream report) {
        return new SourcePosition() {
            @Override
            public String where() {
                return where;
            }

            @Override
            public void warn(String message) {
                report.warning(where, message);
            }
        };
    }
}
