package io.regalia.store.tag;

import java.util.Objects;

/**
 * A tag's rule: its type and text, checked for syntax when made ({@link #of}). {@code text} is null exactly
 * for {@link RuleType#STATIC}.
 */
public record TagRule(RuleType type, String text) {
    public static final TagRule STATIC = new TagRule(RuleType.STATIC, null);

    public TagRule {
        Objects.requireNonNull(type, "type");
        if (type == RuleType.STATIC && text != null) throw new IllegalArgumentException("a static tag has no rule text");
        if (type != RuleType.STATIC && (text == null || text.isBlank())) throw new IllegalArgumentException("no rule text");
    }

    /**
     * Parses and checks a rule as a user gives it.
     *
     * @throws TagException with a one-line reason when the type is unknown or refused, or the text is not a valid
     *     rule of that type
     */
    public static TagRule of(String type, String text) {
        RuleType t = RuleType.parse(type);
        String rule = text == null || text.isBlank() ? null : text.strip();
        if (t == RuleType.STATIC) {
            if (rule != null) {
                throw new TagException(TagException.Kind.INVALID, "a STATIC tag takes no rule; its members are assigned by hand");
            }
            return STATIC;
        }
        if (rule == null) throw new TagException(TagException.Kind.INVALID, "rule type " + t + " needs a rule");
        TagRule parsed = new TagRule(t, rule);
        Rules.check(parsed);
        return parsed;
    }

    public boolean isDynamic() { return type.isDynamic(); }

    @Override
    public String toString() { return text == null ? type.name() : type + " " + text; }
}
