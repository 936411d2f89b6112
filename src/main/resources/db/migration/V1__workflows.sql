-- The workflow store (ARCHITECTURE.md): one row per workflow_id, the normalized and merged
-- document in `doc`, server bookkeeping beside it, and the filter columns derived from `doc`.

-- Epoch seconds of a timestamptz. extract(epoch ...) is marked STABLE only because
-- extract() handles time-zone dependent fields too; the epoch itself does not depend on the
-- session time zone, so this wrapper is truly immutable and may feed a generated column.
create function wi_epoch(ts timestamptz) returns numeric
    language sql immutable strict parallel safe
    as $$ select extract(epoch from ts) $$;

-- A JSON number as numeric; anything else (absent, string, ...) as NULL. Never raises.
create function wi_number(v jsonb) returns numeric
    language sql immutable parallel safe
    as $$ select case when jsonb_typeof(v) = 'number' then v::numeric end $$;

-- The merge rules of RECORD.md ("Merging"), applied by the upsert inside its single statement
-- while it holds the row lock. `old` is the stored document, `new` the incoming one (already
-- normalized; several records of one batch are merged in memory first, by the same rules, in
-- io.workflowingest.record.RecordMerger, which a test keeps equal to this function).
--   * top-level fields: last writer wins, replaced whole; absent fields are kept;
--   * machine_info: merged one level deep (one entry per interceptor id);
--   * interceptor_ids: union, first-seen order;
--   * a terminal status (FINISHED, ERROR) is never replaced by a non-terminal one.
create function workflow_merge(old jsonb, new jsonb) returns jsonb
    language sql immutable parallel safe
    as $$
select old || new
    || case when jsonb_typeof(old -> 'machine_info') = 'object'
                 and jsonb_typeof(new -> 'machine_info') = 'object'
            then jsonb_build_object('machine_info', (old -> 'machine_info') || (new -> 'machine_info'))
            else '{}'::jsonb end
    || case when jsonb_typeof(old -> 'interceptor_ids') = 'array'
                 and jsonb_typeof(new -> 'interceptor_ids') = 'array'
            then jsonb_build_object('interceptor_ids', (
                select coalesce(jsonb_agg(id order by first_seen), '[]'::jsonb)
                from (select id, min(pos) as first_seen
                      from jsonb_array_elements((old -> 'interceptor_ids') || (new -> 'interceptor_ids'))
                           with ordinality as e(id, pos)
                      group by id) as ids))
            else '{}'::jsonb end
    || case when old ->> 'status' in ('FINISHED', 'ERROR')
                 and new ? 'status'
                 and new ->> 'status' not in ('FINISHED', 'ERROR')
            then jsonb_build_object('status', old -> 'status')
            else '{}'::jsonb end
$$;

create table workflows (
    workflow_id        text        primary key,
    doc                jsonb       not null,
    received_at        timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    revision           integer     not null default 1,
    -- Filter columns, derived from doc so they can never disagree with it.
    campaign_id        text generated always as (doc ->> 'campaign_id') stored,
    parent_workflow_id text generated always as (doc ->> 'parent_workflow_id') stored,
    user_name          text generated always as (doc ->> 'user') stored,
    name               text generated always as (doc ->> 'name') stored,
    subtype            text generated always as (doc ->> 'subtype') stored,
    status             text generated always as (doc ->> 'status') stored,
    environment_id     text generated always as (doc ->> 'environment_id') stored,
    -- The sort time of API.md: utc_timestamp, else started_at, else received_at (epoch seconds).
    sort_time          numeric generated always as (
        coalesce(wi_number(doc -> 'utc_timestamp'), wi_number(doc -> 'started_at'), wi_epoch(received_at))) stored,
    constraint workflows_doc_is_object check (jsonb_typeof(doc) = 'object'),
    constraint workflows_doc_id_matches check (doc ->> 'workflow_id' = workflow_id),
    constraint workflows_revision_positive check (revision >= 1)
);

comment on table workflows is 'Flowcept workflow records, one per workflow_id: doc is exactly what GET returns.';
comment on column workflows.user_name is 'doc->>''user'' (named user_name because USER is an SQL keyword).';
comment on column workflows.sort_time is 'Epoch seconds: utc_timestamp, else started_at, else received_at. Lists sort on it, newest first.';

-- Newest-first listing, alone and under each equality filter; workflow_id breaks ties (keyset paging).
create index workflows_sort_idx               on workflows (sort_time desc, workflow_id desc);
create index workflows_campaign_idx           on workflows (campaign_id, sort_time desc, workflow_id desc);
create index workflows_parent_idx             on workflows (parent_workflow_id, sort_time desc, workflow_id desc);
create index workflows_user_idx               on workflows (user_name, sort_time desc, workflow_id desc);
create index workflows_name_idx               on workflows (name, sort_time desc, workflow_id desc);
create index workflows_subtype_idx            on workflows (subtype, sort_time desc, workflow_id desc);
create index workflows_status_idx             on workflows (status, sort_time desc, workflow_id desc);
create index workflows_environment_idx        on workflows (environment_id, sort_time desc, workflow_id desc);
