package io.regalia.core.qql;

import io.regalia.core.qql.FieldCatalog.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, type-checked query. Fields are catalog fields (canonical paths); values are typed for
 * their field. {@code toString()} prints canonical QQL that parses back to an equal query.
 */
public sealed interface Query permits Query.Or, Query.And, Query.Not, Query.Match, Query.Nested, Query.Compare,
        Query.IsNull, Query.FullText {

    /** A disjunction with nested disjunctions flattened; a single operand is returned as is. */
    static Query or(List<Query> operands) {
        List<Query> flat = new ArrayList<>();
        for (Query q : operands) {
            if (q instanceof Or or) flat.addAll(or.operands());
            else flat.add(q);
        }
        return flat.size() == 1 ? flat.get(0) : new Or(flat);
    }

    /** A conjunction with nested conjunctions flattened; a single operand is returned as is. */
    static Query and(List<Query> operands) {
        List<Query> flat = new ArrayList<>();
        for (Query q : operands) {
            if (q instanceof And and) flat.addAll(and.operands());
            else flat.add(q);
        }
        return flat.size() == 1 ? flat.get(0) : new And(flat);
    }

    /** At least one operand holds. */
    record Or(List<Query> operands) implements Query {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) throw new IllegalArgumentException("OR needs two operands");
        }

        @Override public String toString() { return QqlPrinter.query(this); }
    }

    /** Every operand holds. */
    record And(List<Query> operands) implements Query {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) throw new IllegalArgumentException("AND needs two operands");
        }

        @Override public String toString() { return QqlPrinter.query(this); }
    }

    record Not(Query operand) implements Query {
        public Not { Objects.requireNonNull(operand, "operand"); }

        @Override public String toString() { return QqlPrinter.query(this); }
    }

    /**
     * {@code field:value}. For a field inside a group, any element may match, and two matches joined by
     * AND may be satisfied by different elements (use {@link Nested} for the same element).
     */
    record Match(Field field, Value value) implements Query {
        public Match {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }

        @Override public String toString() { return QqlPrinter.query(this); }
    }

    /** {@code group:(query)}: one element of the group satisfies the whole inner query, whose fields lie inside it. */
    record Nested(Field group, Query query) implements Query {
        public Nested {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(query, "query");
        }

        @Override public String toString() { return QqlPrinter.query(this); }
    }

    /** {@code field > value} on a number, size or date field; the value is a {@link Value.NumberValue} or {@link Value.DateValue}. */
    record Compare(Field field, Comparison op, Value value) implements Query {
        public Compare {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        @Override public String toString() { return QqlPrinter.query(this); }
    }

    /** {@code field IS NULL} (no value; for a group, no element), or {@code IS NOT NULL} when negated. */
    record IsNull(Field field, boolean negated) implements Query {
        public IsNull { Objects.requireNonNull(field, "field"); }

        @Override public String toString() { return QqlPrinter.query(this); }
    }

    /** A bare value: matched against name, hostname, addresses, OS and software. */
    record FullText(Value.Text text) implements Query {
        public FullText { Objects.requireNonNull(text, "text"); }

        @Override public String toString() { return QqlPrinter.query(this); }
    }

    enum Comparison {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=");

        private final String symbol;

        Comparison(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }
    }
}
