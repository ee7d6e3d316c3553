package io.regalia.core.model;

/** Vendor support stage of an OS or software release. */
public enum LifecycleStage {
    GA("GA"), EOS("EOS"), EOL("EOL"), EOL_EOS("EOL/EOS");

    private final String label;

    LifecycleStage(String label) { this.label = label; }

    public String label() { return label; }

    /** Parses "GA", "EOS", "EOL", "EOL/EOS" (case-insensitive); null when unknown. */
    public static LifecycleStage parse(String text) {
        if (text == null) return null;
        for (LifecycleStage s : values()) {
            if (s.label.equalsIgnoreCase(text.trim()) || s.name().equalsIgnoreCase(text.trim())) return s;
        }
        return null;
    }
}
