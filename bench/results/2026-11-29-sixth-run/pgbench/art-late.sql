\set n random(1, 50)
select dataset from probe_values where i = :n \gset
select w.doc::text as body, m.k1, m.id
  from (select a.sort_time as k1, a.workflow_id as id from workflow_artifacts a
         where a.value_md5 = md5(:dataset::text)::uuid and a.value = :dataset::text and a.used
         order by a.sort_time desc, a.workflow_id desc limit 101) m
  join workflows w on w.workflow_id = m.id
 order by m.k1 desc, m.id desc;
