package io.workflowingest.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The simple reads, through Hibernate Reactive Panache. */
@ApplicationScoped
public class WorkflowRepository implements PanacheRepositoryBase<WorkflowEntity, String> {

    @WithSession
    public Uni<WorkflowEntity> findWorkflow(String workflowId) {
        return findById(workflowId);
    }
}
