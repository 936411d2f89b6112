package io.workflowingest.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

import java.time.OffsetDateTime;

/**
 * One row of {@code public.workflows} (V1 migration). Read-only here: rows are written only by
 * the merge upsert of {@link WorkflowWriter}, so the merge rules have one home in SQL.
 * {@code doc} is kept as the JSON text PostgreSQL returns, so GET sends the stored document
 * without re-parsing it and numbers keep every digit.
 */
@Entity
@Immutable
@Table(name = "workflows")
public class WorkflowEntity extends PanacheEntityBase {

    @Id
    @Column(name = "workflow_id")
    public String workflowId;

    // Read as text, not through Hibernate's JSON format mapper: that one parses numbers into
    // doubles and would round 0.1000000000000000055 or 123456789012345678901234567890.
    @ColumnTransformer(read = "doc::text")
    @Column(name = "doc", columnDefinition = "jsonb")
    public String doc;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "revision")
    public int revision;
}
