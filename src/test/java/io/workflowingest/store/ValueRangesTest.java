package io.workflowingest.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which filters a default-order page reads as one index range per {@code $in} value
 * (FilterSql.valueRanges, WorkflowQueries.valueRangesPage), and which keep the other
 * statements; the plans and rows themselves are QueryPlanTest's.
 */
class ValueRangesTest {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Filter.Condition in(String field, Object... values) {
        ArrayNode array = NODES.arrayNode();
        for (Object value : values) {
            if (value == null) {
                array.addNull();
            } else if (value instanceof Integer i) {
                array.add(i);
            } else {
                array.add((String) value);
            }
        }
        return new Filter.Condition(FieldPath.of(field.split("\\.")), Filter.Operator.IN, array, "/test");
    }

    static Filter.Condition eq(String field, JsonNode value) {
        return new Filter.Condition(FieldPath.of(field.split("\\.")), Filter.Operator.EQ, value, "/test");
    }

    static Filter and(Filter... parts) {
        return new Filter.And(List.of(parts));
    }

    static FilterSql.ValueRanges ranges(Filter filter) {
        return FilterSql.valueRanges(filter, WorkflowQueries.MAX_VALUE_RANGES);
    }

    /** Only the per-value statement selects the bare rows of each range. */
    static final String RANGE = "select w.* from workflows w";

    static String pageSql(Filter filter) {
        return WorkflowQueries.workflowPage(filter, List.of(), List.of(), null, 100, 4_000_000).sql();
    }

    @Test
    void distinctValuesAndNullEachOneRange() {
        FilterSql.ValueRanges ranges = ranges(in("campaign_id", "a", "b", "a", null, "b", null));
        assertEquals(new FilterSql.ValueRanges("campaign_id", List.of("a", "b"), true, List.of()), ranges);
        String sql = pageSql(in("campaign_id", "a", "b", "a", null));
        assertEquals(3, sql.split(java.util.regex.Pattern.quote(RANGE), -1).length - 1, sql);
        assertTrue(sql.contains("w.campaign_id is null"), sql);
        assertFalse(sql.contains("any("), sql);
    }

    @Test
    void theRestOfTheConjunctionFiltersEachRange() {
        Filter.Condition status = eq("status", NODES.textNode("FINISHED"));
        Filter.SortTimeBound since = new Filter.SortTimeBound(Filter.Bound.SINCE, java.math.BigDecimal.ONE);
        // Nested $and (as the list endpoint builds it around filter_json) is one conjunction.
        FilterSql.ValueRanges ranges = ranges(and(status, and(in("user", "u1", "u2"), since)));
        assertEquals("user", ranges.field());
        assertEquals(List.of(status, since), ranges.rest());
        assertEquals(2, pageSql(and(status, in("user", "u1", "u2"))).split("w.status = ", -1).length - 1);
    }

    @Test
    void theColumnWithTheFewestRowsPerValueIsWalked() {
        // A campaign before a user before a status, whatever the order in the filter.
        assertEquals("campaign_id", ranges(and(in("status", "ERROR", "RUNNING"), in("user", "u1"), in("campaign_id", "a", "b"))).field());
        // Of two $in on one column, the shorter one; the other filters.
        FilterSql.ValueRanges two = ranges(and(in("campaign_id", "a", "b", "c"), in("campaign_id", "b", "c")));
        assertEquals(List.of("b", "c"), two.values());
        assertEquals(List.of(in("campaign_id", "a", "b", "c")), two.rest());
        // An equality on that column is already one ordered range: the plain statement walks it.
        assertNull(ranges(and(in("status", "ERROR", "RUNNING"), eq("campaign_id", NODES.textNode("a")))));
        assertNull(ranges(and(in("campaign_id", "a", "b"), eq("campaign_id", NODES.textNode("a")))));
        // workflow_id: the primary key finds its few rows.
        assertNull(ranges(and(in("campaign_id", "a", "b"), in("workflow_id", "w1", "w2"))));
        assertNull(ranges(in("workflow_id", "w1", "w2")));
        // But an equality on a column walked later does not stop it.
        assertEquals("campaign_id", ranges(and(eq("status", NODES.textNode("ERROR")), in("campaign_id", "a", "b"))).field());
    }

    @Test
    void otherFiltersKeepThePlainStatement() {
        assertNull(ranges(in("campaign_id")));
        assertTrue(pageSql(in("campaign_id")).contains("where false"), pageSql(in("campaign_id")));
        // A number never equals the text column: that $in stays a containment test, as before.
        assertNull(ranges(in("campaign_id", "a", 5)));
        assertTrue(pageSql(in("campaign_id", "a", 5)).contains("w.doc @> any("));
        assertNull(ranges(in("used.campaign_id", "a", "b")));
        assertNull(ranges(in("hostname", "a", "b")));
        assertNull(ranges(new Filter.Or(List.of(in("campaign_id", "a", "b"), eq("status", NODES.textNode("ERROR"))))));
        assertNull(ranges(new Filter.Not(in("campaign_id", "a", "b"))));
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < WorkflowQueries.MAX_VALUE_RANGES; i++) {
            many.add("v" + i);
        }
        many.add("v0");
        assertEquals(WorkflowQueries.MAX_VALUE_RANGES, ranges(in("campaign_id", many.toArray())).count());
        many.add(null);
        assertNull(ranges(in("campaign_id", many.toArray())));
        // A custom sort orders every match anyway.
        assertFalse(WorkflowQueries.workflowPage(in("campaign_id", "a", "b"), List.of(new SortKey(FieldPath.of("name"), true)),
                List.of(), null, 100, 4_000_000).sql().contains(RANGE));
    }

    @Test
    void aContainmentTestBesideTheInGoesContainmentFirst() {
        Filter filter = and(in("campaign_id", "a", "b"), eq("used.dataset", NODES.textNode("/data/x")));
        String sql = pageSql(filter);
        assertTrue(sql.contains("matched as materialized"), sql);
        assertFalse(sql.contains(RANGE), sql);
        // A negated one is a plain filter: the ranges stay.
        assertTrue(pageSql(and(in("campaign_id", "a", "b"), new Filter.Not(eq("used.dataset", NODES.textNode("/data/x")))))
                .contains(RANGE));
    }

    @Test
    void oneValueIsOneOrderedRange() {
        String sql = pageSql(in("campaign_id", "a"));
        assertTrue(sql.contains(RANGE), sql);
        assertFalse(sql.contains("union all"), sql);
        assertTrue(sql.contains("where w.campaign_id = $"), sql);
        assertTrue(sql.contains("order by w.sort_time desc, w.workflow_id desc limit"), sql);
    }
}
