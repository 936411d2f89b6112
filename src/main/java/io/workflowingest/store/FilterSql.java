package io.workflowingest.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a {@link Filter} into an SQL boolean expression over {@code workflows w}.
 *
 * <p>Safety: the emitted text consists only of fixed fragments of this class, placeholders from
 * {@link SqlParams}, and column names taken from {@link #COLUMNS} (a fixed allowlist). Every value
 * and every path segment is a bound parameter.
 *
 * <p>Semantics (API.md): the value at a path is {@code w.doc -> $a -> $b} (object keys only, so
 * a numeric segment never indexes an array, and an absent path is SQL NULL). Negations are pushed
 * down to the conditions (De Morgan) and each negated condition is written
 * {@code not coalesce(cond, false)}, so "not" is true where the path is absent while positive
 * conditions keep their index-friendly form. AND/OR over possibly-NULL conditions then select
 * exactly the rows where the two-valued reading is true.
 *
 * <p>Indexes: equality and $in on the filter columns use their btree columns; equality on any
 * other path is emitted as containment ({@code w.doc @> {"name": "x"}}, served by the
 * GIN jsonb_path_ops index), plus an exact check for array and object operands (containment alone
 * is not equality for those); the sort time bounds, and numeric ranges on {@code utc_timestamp},
 * use {@code w.sort_time}. A short {@code $in} on a filter column can also be split into one
 * index range per value ({@link #valueRanges}) for a default-order page.
 */
public final class FilterSql {

    /** Top-level fields stored as generated btree-indexed text columns (V1 migration). */
    static final Map<String, String> COLUMNS = Map.of(
            "workflow_id", "workflow_id",
            "campaign_id", "campaign_id",
            "parent_workflow_id", "parent_workflow_id",
            "user", "user_name",
            "name", "name",
            "subtype", "subtype",
            "status", "status",
            "environment_id", "environment_id");

    /**
     * The filter columns in the order a default-order page prefers to read one of them value by
     * value ({@link #valueRanges}): the kinds of value that hold the fewest workflows first (a
     * parent's children, a campaign), status and subtype last (a handful of values, each held by
     * a large share of the table). workflow_id heads the list only to win over the others: it has
     * no sort index, and its primary key finds at most one row per value, which needs no walk.
     */
    static final List<String> RANGE_PREFERENCE = List.of("workflow_id", "parent_workflow_id", "campaign_id", "name", "user",
            "environment_id", "subtype", "status");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SqlParams params;
    private final List<String> guards = new ArrayList<>();
    private int containments;
    private boolean positiveContainment;
    private boolean readsDocument;

    /**
     * Whether containment tests are written so that no index can serve them ({@code coalesce(...)}):
     * for a page that already knows they match too many rows for the GIN index to pay (see
     * WorkflowQueries#workflowPage), which must then walk the sort-time index.
     */
    private final boolean containmentUnindexed;

    FilterSql(SqlParams params) {
        this(params, false);
    }

    FilterSql(SqlParams params, boolean containmentUnindexed) {
        this.params = params;
        this.containmentUnindexed = containmentUnindexed;
    }

    /**
     * {@code w.doc @> <containment>} (or the narrow column of {@link #document}): the GIN index's
     * operator, unless {@link #containmentUnindexed}.
     */
    private String contains(FieldPath path, String containment) {
        containments++;
        String test = document(path) + " @> " + containment;
        // coalesce(...) hides the operator from the index and from selectivity estimation: the
        // planner then assumes half the rows match, and walks the sort-time index.
        return containmentUnindexed ? "coalesce(" + test + ", false)" : test;
    }

    /**
     * The WHERE expression for {@code filter}. Each {@code $regex} also adds a guard conjunct that
     * compiles the expression once per statement, so an invalid one always fails the statement
     * (SQLSTATE 2201B) instead of only when some row reaches it.
     */
    String where(Filter filter) {
        String condition = translate(filter, false);
        if (guards.isEmpty()) {
            return condition;
        }
        return "(" + condition + ") and " + String.join(" and ", guards);
    }

    private String translate(Filter filter, boolean negated) {
        if (filter instanceof Filter.And and) {
            return junction(and.parts(), negated ? " or " : " and ", negated, negated ? "false" : "true");
        }
        if (filter instanceof Filter.Or or) {
            return junction(or.parts(), negated ? " and " : " or ", negated, negated ? "true" : "false");
        }
        if (filter instanceof Filter.Not not) {
            return translate(not.inner(), !negated);
        }
        int containmentsBefore = containments;
        String positive = filter instanceof Filter.Condition c ? condition(c) : sortTime((Filter.SortTimeBound) filter);
        positiveContainment |= !negated && containments > containmentsBefore;
        return negated ? "not coalesce(" + positive + ", false)" : positive;
    }

    private String junction(List<Filter> parts, String operator, boolean negated, String empty) {
        if (parts.isEmpty()) {
            return empty;
        }
        List<String> sql = new ArrayList<>(parts.size());
        for (Filter part : parts) {
            sql.add(translate(part, negated));
        }
        return sql.size() == 1 ? sql.get(0) : "(" + String.join(operator, sql) + ")";
    }

    private String sortTime(Filter.SortTimeBound bound) {
        return "w.sort_time " + (bound.bound() == Filter.Bound.SINCE ? ">=" : "<") + " " + params.numeric(bound.epochSeconds());
    }

    private String condition(Filter.Condition c) {
        JsonNode operand = c.operand();
        return switch (c.operator()) {
            case EQ -> equality(c.path(), operand);
            case IN -> in(c.path(), operand);
            case GT -> range(c.path(), ">", operand);
            case GTE -> range(c.path(), ">=", operand);
            case LT -> range(c.path(), "<", operand);
            case LTE -> range(c.path(), "<=", operand);
            case EXISTS -> "(" + value(c.path()) + (operand.booleanValue() ? " is not null)" : " is null)");
            case REGEX -> regex(c.path(), operand.textValue());
        };
    }

    private String equality(FieldPath path, JsonNode operand) {
        if (operand.isNull()) {
            // Like MongoDB: {"field": null} matches JSON null and an absent field.
            String value = value(path);
            return "(" + value + " is null or " + value + " = 'null'::jsonb)";
        }
        String column = column(path);
        if (column != null && operand.isTextual()) {
            return "w." + column + " = " + params.text(operand.textValue());
        }
        if (operand.isValueNode()) {
            // For a number, string or boolean, containment at a path of object keys is equality
            // (numbers numerically; an array below the path does not contain a scalar, the
            // top-level exception aside). Without an exact check the GIN bitmap scan never reads
            // the (TOASTed) documents of the rows it rejects or sorts.
            return contains(path, params.jsonb(containment(path, operand).toString()));
        }
        return "(" + contains(path, params.jsonb(containment(path, operand).toString()))
                + " and " + value(path) + " = " + params.jsonb(operand.toString()) + ")";
    }

    private String in(FieldPath path, JsonNode operand) {
        List<JsonNode> values = new ArrayList<>();
        boolean withNull = false;
        boolean allText = true;
        for (JsonNode v : operand) {
            if (v.isNull()) {
                withNull = true;
            } else {
                values.add(v);
                allText &= v.isTextual();
            }
        }
        List<String> alternatives = new ArrayList<>();
        String column = column(path);
        if (column != null && allText) {
            if (!values.isEmpty()) {
                List<String> texts = values.stream().map(JsonNode::textValue).toList();
                alternatives.add("w." + column + " = any(" + params.textArray(texts) + ")");
            }
            if (withNull) {
                alternatives.add("w." + column + " is null");
            }
        } else {
            if (!values.isEmpty()) {
                List<String> contained = values.stream().map(v -> containment(path, v).toString()).toList();
                String any = contains(path, "any(" + params.jsonbArray(contained) + ")");
                if (values.stream().allMatch(JsonNode::isValueNode)) {
                    alternatives.add(any); // exact for scalars, as in equality()
                } else {
                    List<String> jsons = values.stream().map(JsonNode::toString).toList();
                    alternatives.add("(" + any + " and " + value(path) + " = any(" + params.jsonbArray(jsons) + "))");
                }
            }
            if (withNull) {
                String value = value(path);
                alternatives.add(value + " is null or " + value + " = 'null'::jsonb");
            }
        }
        if (alternatives.isEmpty()) {
            return "false";
        }
        return "(" + String.join(" or ", alternatives) + ")";
    }

    /** Comparisons stay within the operand's JSON type: numbers numerically, strings by code point. */
    private String range(FieldPath path, String operator, JsonNode operand) {
        if (operand.isNumber()) {
            // jsonb compares two numbers as numeric; the type check keeps strings out.
            String value = value(path);
            String sortTime = "";
            if (path.isTopLevel() && path.first().equals("utc_timestamp")) {
                // A numeric utc_timestamp is the row's sort time (V1: sort_time is utc_timestamp
                // when that is a number), so the same bound on sort_time is implied: it adds
                // nothing to the result and lets the sort-time index serve the range.
                sortTime = " and w.sort_time " + operator + " " + params.numeric(operand.decimalValue());
            }
            return "(jsonb_typeof(" + value + ") = 'number' and " + value + " " + operator + " " + params.jsonb(operand.toString())
                    + sortTime + ")";
        }
        return "(jsonb_typeof(" + value(path) + ") = 'string' and " + text(path) + " collate \"C\" " + operator + " "
                + params.text(operand.textValue()) + ")";
    }

    private String regex(FieldPath path, String pattern) {
        String bound = params.text(pattern);
        guards.add("('' ~ " + bound + ") is not null");
        return "(jsonb_typeof(" + value(path) + ") = 'string' and " + text(path) + " ~ " + bound + ")";
    }

    /**
     * A conjunction read as "{@code field} is one of {@code values}, or null or absent ({@code withNull})"
     * and {@code rest}, the other conjuncts: one index range (column, sort_time desc, workflow_id
     * desc) per value. The values are distinct, so no row lies in two ranges.
     */
    record ValueRanges(String field, List<String> values, boolean withNull, List<Filter> rest) {

        int count() {
            return values.size() + (withNull ? 1 : 0);
        }
    }

    /**
     * The {@code $in} that a default-order page can read as one index range per value (see
     * WorkflowQueries#workflowPage), or null. {@code filter} must be a conjunction (nested
     * {@code $and}s included) whose column conditions (equality with a string, {@code $in} of
     * strings and null) include an {@code $in} on the column first in {@link #RANGE_PREFERENCE}
     * with no equality beside it there (an equality is a single range, which the plain statement
     * already walks in order), of 1 to {@code maxRanges} distinct values. Only strings and null:
     * an {@code $in} with another type is not a test of the column (see {@link #in}) and stays a
     * containment test. Of several {@code $in} on that column, the one with the fewest values.
     */
    static ValueRanges valueRanges(Filter filter, int maxRanges) {
        List<Filter> conjuncts = new ArrayList<>();
        flatten(filter, conjuncts);
        int bestRank = Integer.MAX_VALUE;
        for (Filter part : conjuncts) {
            if (part instanceof Filter.Condition c && isColumnTest(c)) {
                bestRank = Math.min(bestRank, RANGE_PREFERENCE.indexOf(c.path().first()));
            }
        }
        if (bestRank == 0 || bestRank == Integer.MAX_VALUE) {
            return null;
        }
        int chosen = -1;
        ValueRanges ranges = null;
        for (int i = 0; i < conjuncts.size(); i++) {
            if (conjuncts.get(i) instanceof Filter.Condition c && isColumnTest(c) && RANGE_PREFERENCE.indexOf(c.path().first()) == bestRank) {
                if (c.operator() == Filter.Operator.EQ) {
                    return null;
                }
                Set<String> values = new LinkedHashSet<>();
                boolean withNull = false;
                for (JsonNode v : c.operand()) {
                    if (v.isNull()) {
                        withNull = true;
                    } else {
                        values.add(v.textValue());
                    }
                }
                ValueRanges candidate = new ValueRanges(c.path().first(), List.copyOf(values), withNull, List.of());
                if (ranges == null || candidate.count() < ranges.count()) {
                    chosen = i;
                    ranges = candidate;
                }
            }
        }
        if (ranges.count() < 1 || ranges.count() > maxRanges) {
            return null;
        }
        List<Filter> rest = new ArrayList<>(conjuncts);
        rest.remove(chosen);
        return new ValueRanges(ranges.field(), ranges.values(), ranges.withNull(), rest);
    }

    private static void flatten(Filter filter, List<Filter> into) {
        if (filter instanceof Filter.And and) {
            and.parts().forEach(part -> flatten(part, into));
        } else {
            into.add(filter);
        }
    }

    /** Equality with a string, or $in of strings and null, on a filter column: what {@link #equality} and {@link #in} write as a test of the column. */
    private static boolean isColumnTest(Filter.Condition c) {
        if (column(c.path()) == null) {
            return false;
        }
        if (c.operator() == Filter.Operator.EQ) {
            return c.operand().isTextual();
        }
        if (c.operator() != Filter.Operator.IN) {
            return false;
        }
        for (JsonNode v : c.operand()) {
            if (!v.isTextual() && !v.isNull()) {
                return false;
            }
        }
        return true;
    }

    /** The test of each range of {@code ranges}: {@code w.<column> = <value>}, and {@code w.<column> is null} last when withNull. */
    List<String> rangeTests(ValueRanges ranges) {
        String column = "w." + COLUMNS.get(ranges.field());
        List<String> tests = new ArrayList<>();
        for (String value : ranges.values()) {
            tests.add(column + " = " + params.text(value));
        }
        if (ranges.withNull()) {
            tests.add(column + " is null");
        }
        return tests;
    }

    /**
     * Whether the last {@link #where} holds a containment test ({@code w.doc @> ...}) that is not
     * negated, i.e. one the GIN index can answer (see WorkflowQueries#workflowPage).
     */
    boolean hasPositiveContainment() {
        return positiveContainment;
    }

    /** The jsonb value at {@code path}, or SQL NULL where absent. */
    String value(FieldPath path) {
        StringBuilder sql = new StringBuilder("(").append(document(path));
        for (String segment : path.segments()) {
            sql.append(" -> ").append(params.text(segment));
        }
        return sql.append(')').toString();
    }

    /** The value at {@code path} as text (for strings: the string itself). */
    private String text(FieldPath path) {
        StringBuilder sql = new StringBuilder("(").append(document(path));
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            sql.append(i == segments.size() - 1 ? " ->> " : " -> ").append(params.text(segments.get(i)));
        }
        return sql.append(')').toString();
    }

    /**
     * Whether an expression this translator wrote reads {@code w.doc}, whose every test
     * decompresses the whole document (~10-20 us a row at ~3 KB), rather than only columns and
     * {@code w.used_generated} (~1 us a row).
     */
    boolean readsDocument() {
        return readsDocument;
    }

    /**
     * The jsonb column to read {@code path} from: paths under {@code used} or {@code generated}
     * read {@code w.used_generated} (V4 migration), which holds exactly those members of the
     * document, so every test reads the same there as on {@code w.doc} at a fraction of the cost
     * (no decompression of the whole document); its own GIN index answers containment on them.
     */
    private String document(FieldPath path) {
        String first = path.first();
        if (first.equals("used") || first.equals("generated")) {
            return "w.used_generated";
        }
        readsDocument = true;
        return "w.doc";
    }

    private static String column(FieldPath path) {
        return path.isTopLevel() ? COLUMNS.get(path.first()) : null;
    }

    /** {"a": {"b": value}} for path a.b: every document whose a.b equals value contains it. */
    static ObjectNode containment(FieldPath path, JsonNode value) {
        List<String> segments = path.segments();
        JsonNode inner = value;
        for (int i = segments.size() - 1; i > 0; i--) {
            ObjectNode level = NODES.objectNode();
            level.set(segments.get(i), inner);
            inner = level;
        }
        ObjectNode root = NODES.objectNode();
        root.set(segments.get(0), inner);
        return root;
    }
}
