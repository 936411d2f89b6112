\set n random(1, 50)
select dataset from probe_values where i = :n \gset
select w.doc::text as body, a.sort_time as k1, a.workflow_id as id
  from workflow_artifacts a join workflows w on w.workflow_id = a.workflow_id
 where a.value_md5 = md5(:dataset::text)::uuid and a.value = :dataset::text and a.used
 order by a.sort_time desc, a.workflow_id desc
 limit 101;
