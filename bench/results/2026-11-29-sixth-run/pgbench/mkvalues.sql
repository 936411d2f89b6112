drop table if exists probe_values;
create table probe_values as
select k as i,
       '/lustre/orion/proj123/datasets/set-' || (n % 10000) || '/train.npz' as dataset,
       md5('campaign-' || (n % 1000))::uuid::text as campaign
  from (select k, 1 + (k * 15485863::bigint) % 1000000 as n from generate_series(1, 50) as k) s;
