-- Test only (MigrationTimeoutsTest): a migration statement that runs longer than the role's
-- statement_timeout, while Flyway's lock transaction sits idle longer than the role's
-- idle_in_transaction_session_timeout. Flyway's connections must clear both (quarkus.flyway.init-sql).
select pg_sleep(0.5);
