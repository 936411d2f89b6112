-- Query support (API.md "Read and query"): the indexes every query shape needs, and the artifact
-- side table behind GET /api/v1/artifacts.

-- Equality on any dotted path is answered as containment first (doc @> {"used": {"epochs": 10}}),
-- then checked exactly; jsonb_path_ops indexes exactly that operator and is a third of the size
-- of the default jsonb_ops.
create index workflows_doc_path_idx on workflows using gin (doc jsonb_path_ops);

-- ---- Artifacts ------------------------------------------------------------------------------
-- Every distinct string leaf, at any depth (arrays included), of a workflow's `used` and
-- `generated`: "which runs read this dataset, which run produced this model". Strings only:
-- artifacts are paths, URIs and names; numbers (epochs, sizes, object ids) are not artifacts and
-- would only bloat the table. One row per (workflow, value), with flags for where it occurs, so a
-- role=any lookup never returns a workflow twice.
--
-- sort_time is copied from workflows so that a lookup pages newest first straight off one index
-- (value digest, sort_time desc, workflow_id desc), however many runs read a popular dataset.
-- Values may be long (a record may hold a 1 MiB string): the btree holds their md5 (16 bytes);
-- the lookup compares the full value too, so a digest collision cannot return a wrong row.
create table workflow_artifacts (
    workflow_id text    not null references workflows (workflow_id) on delete cascade,
    value       text    not null,
    value_md5   uuid    not null generated always as (md5(value)::uuid) stored,
    used        boolean not null,
    generated   boolean not null,
    sort_time   numeric not null,
    constraint workflow_artifacts_has_role check (used or generated)
);

comment on table workflow_artifacts is
    'String leaves of workflows.doc->used and ->generated at any depth, one row per (workflow_id, value); maintained by trigger workflow_artifacts_sync.';

create index workflow_artifacts_lookup_idx on workflow_artifacts (value_md5, sort_time desc, workflow_id desc);
create index workflow_artifacts_workflow_idx on workflow_artifacts (workflow_id);

-- The artifact values of one document: every string leaf of `used` and `generated`, with where it occurs.
create function workflow_artifact_values(doc jsonb)
    returns table (value text, used boolean, generated boolean)
    language sql immutable parallel safe
    as $$
select v.value, bool_or(v.role = 'used'), bool_or(v.role = 'generated')
  from (select 'used' as role, s #>> '{}' as value
          from jsonb_path_query(doc -> 'used', 'strict $.** ? (@.type() == "string")') as s
        union all
        select 'generated', s #>> '{}'
          from jsonb_path_query(doc -> 'generated', 'strict $.** ? (@.type() == "string")') as s) as v
 group by v.value
$$;

-- Kept in step by a row trigger rather than by more CTEs in the upsert (store/WorkflowWriter):
-- the trigger runs inside the upsert statement, so ingest stays one statement and one round
-- trip, and the artifact rows change atomically with the document under the same row lock. It
-- is also simpler to get right than data-modifying CTEs, which all see one snapshot and run in
-- unspecified order (a value removed and re-added in one statement would need a diff there),
-- and it covers every writer, including operators editing rows by hand. Unchanged `used`,
-- `generated` and sort time (most merges: the end record of a run) cost one comparison.
create function workflow_artifacts_sync() returns trigger
    language plpgsql
    as $$
begin
    if tg_op = 'UPDATE'
       and new.doc -> 'used' is not distinct from old.doc -> 'used'
       and new.doc -> 'generated' is not distinct from old.doc -> 'generated' then
        if new.sort_time is distinct from old.sort_time then
            update workflow_artifacts set sort_time = new.sort_time where workflow_id = new.workflow_id;
        end if;
        return null;
    end if;
    if tg_op = 'UPDATE' then
        delete from workflow_artifacts where workflow_id = old.workflow_id;
    end if;
    insert into workflow_artifacts (workflow_id, value, used, generated, sort_time)
    select new.workflow_id, a.value, a.used, a.generated, new.sort_time
      from workflow_artifact_values(new.doc) as a;
    return null;
end
$$;

create trigger workflow_artifacts_sync
    after insert or update on workflows
    for each row execute function workflow_artifacts_sync();

-- Backfill the rows stored before this migration.
insert into workflow_artifacts (workflow_id, value, used, generated, sort_time)
select w.workflow_id, a.value, a.used, a.generated, w.sort_time
  from workflows as w cross join lateral workflow_artifact_values(w.doc) as a;
