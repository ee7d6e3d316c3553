package io.regalia.store.tag;

/** How a rule-based tag's members moved in one evaluation: counts, and the member count after. */
public record MembershipChange(String tag, int added, int removed, long members) {
    @Override
    public String toString() {
        return tag + ": +" + added + " -" + removed + " (" + members + " members)";
    }
}
