package io.workflowingest.cleanup;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.workflowingest.cleanup.CleanupFixtures.WAIT;
import static io.workflowingest.cleanup.CleanupFixtures.countCampaign;
import static io.workflowingest.cleanup.CleanupFixtures.exists;
import static io.workflowingest.cleanup.CleanupFixtures.ingest;
import static io.workflowingest.cleanup.CleanupFixtures.ingestWithId;
import static io.workflowingest.cleanup.CleanupFixtures.newCampaign;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DELETE /api/v1/workflows/{id}, with and without ?cascade=descendants. */
@QuarkusTest
class WorkflowDeleteResourceTest {

    @Inject
    Pool pool;

    @Test
    void deletesOneRecordThen404() {
        String id = ingest(newCampaign(), "FINISHED", null);
        given().delete("/api/v1/workflows/{id}", id)
                .then().statusCode(204).body(emptyOrNullString());
        given().get("/api/v1/workflows/{id}", id).then().statusCode(404);
        given().delete("/api/v1/workflows/{id}", id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("not-found"), "detail", containsString(id));
        given().delete("/api/v1/workflows/{id}?cascade=descendants", UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void idThatBreaksTheIdRulesIs404() {
        given().delete("/api/v1/workflows/{id}", " padded ").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/workflows/{id}", "a/b").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutCascadeChildrenStay() {
        String campaign = newCampaign();
        String parent = ingest(campaign, "FINISHED", null);
        String child = ingest(campaign, "FINISHED", parent);
        String grandchild = ingest(campaign, "FINISHED", child);
        given().delete("/api/v1/workflows/{id}", parent).then().statusCode(204);
        assertFalse(exists(parent));
        given().get("/api/v1/workflows/{id}", child).then().statusCode(200).body("parent_workflow_id", equalTo(parent));
        assertTrue(exists(grandchild));
    }

    @Test
    void cascadeDeletesTheWholeSubtreeAndNothingElse() {
        String campaign = newCampaign();
        String grandparent = ingest(campaign, "FINISHED", null);
        String root = ingest(campaign, "FINISHED", grandparent);
        String sibling = ingest(campaign, "FINISHED", grandparent);
        String childA = ingest(campaign, "FINISHED", root);
        String childB = ingest(campaign, "RUNNING", root);
        String grandchild = ingest(campaign, "FINISHED", childA);
        String greatGrandchild = ingest(campaign, "FINISHED", grandchild);
        String unrelated = ingest(campaign, "FINISHED", null);
        String nephew = ingest(campaign, "FINISHED", sibling);

        given().delete("/api/v1/workflows/{id}?cascade=descendants", root).then().statusCode(204);
        for (String gone : List.of(root, childA, childB, grandchild, greatGrandchild)) {
            assertFalse(exists(gone), gone);
        }
        for (String kept : List.of(grandparent, sibling, unrelated, nephew)) {
            assertTrue(exists(kept), kept);
        }
        assertEquals(4, countCampaign(pool, campaign));
    }

    @Test
    void cascadeEndsOnCycles() {
        String campaign = newCampaign();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        // a -> b -> c -> a: each names the next as its parent.
        ingestWithId(a, campaign, "FINISHED", c);
        ingestWithId(b, campaign, "FINISHED", a);
        ingestWithId(c, campaign, "FINISHED", b);
        String hangingOff = ingest(campaign, "FINISHED", b);
        String self = UUID.randomUUID().toString();
        ingestWithId(self, campaign, "FINISHED", self);
        String outside = ingest(campaign, "FINISHED", null);

        given().delete("/api/v1/workflows/{id}?cascade=descendants", a).then().statusCode(204);
        for (String gone : List.of(a, b, c, hangingOff)) {
            assertFalse(exists(gone), gone);
        }
        given().delete("/api/v1/workflows/{id}?cascade=descendants", self).then().statusCode(204);
        assertFalse(exists(self));
        assertTrue(exists(outside));
    }

    /** Root plus {@code children} direct children, inserted in one statement. */
    void insertStar(String campaign, String root, int children) {
        pool.preparedQuery("""
                insert into workflows (workflow_id, doc)
                select id, jsonb_build_object('workflow_id', id, 'campaign_id', $2::text, 'type', 'workflow')
                           || case when id = $1::text then '{}'::jsonb else jsonb_build_object('parent_workflow_id', $1::text) end
                  from (select $1::text as id
                        union all
                        select $1::text || '-child-' || g from generate_series(1, $3::int) as g) as ids
                """).execute(Tuple.of(root, campaign, children)).await().atMost(WAIT);
    }

    @Test
    void subtreeOverTenThousandIsAConflictAndDeletesNothing() {
        String campaign = newCampaign();
        String root = "star-" + UUID.randomUUID();
        insertStar(campaign, root, 10_000); // 10,001 records with the root
        given().delete("/api/v1/workflows/{id}?cascade=descendants", root)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("subtree-too-large"), "status", equalTo(409),
                        "detail", containsString("10000"), "detail", containsString("nothing was deleted"));
        assertEquals(10_001, countCampaign(pool, campaign));

        // Exactly 10,000 (the limit) is allowed, in one go.
        given().delete("/api/v1/workflows/{id}", root + "-child-1").then().statusCode(204);
        given().delete("/api/v1/workflows/{id}?cascade=descendants", root).then().statusCode(204);
        assertEquals(0, countCampaign(pool, campaign));
    }

    @Test
    void unknownCascadeValueIs400AndDeletesNothing() {
        String campaign = newCampaign();
        String parent = ingest(campaign, "FINISHED", null);
        String child = ingest(campaign, "FINISHED", parent);
        for (String value : List.of("children", "DESCENDANTS", "", "true")) {
            given().queryParam("cascade", value).delete("/api/v1/workflows/{id}", parent)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("invalid-parameter"), "detail", containsString("descendants"));
        }
        given().delete("/api/v1/workflows/{id}?cascade", parent).then().statusCode(400);
        given().delete("/api/v1/workflows/{id}?cascade=descendants&cascade=children", parent).then().statusCode(400);
        assertTrue(exists(parent));
        assertTrue(exists(child));
    }
}
