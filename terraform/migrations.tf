# Schema migrations as a deploy step, never in the function's cold start (the prod profile does
# not migrate at start): Terraform invokes the function once with the internal migration event,
# again whenever the function code or the event changes. lambda-http reports a failed migration
# as a successful invocation whose response has another statusCode, hence the postcondition.

resource "aws_lambda_invocation" "migrate" {
  count = var.run_migrations ? 1 : 0

  function_name = aws_lambda_function.this.function_name
  input         = file("${path.module}/events/migrate.json")

  triggers = {
    function_code = aws_lambda_function.this.source_code_hash
    event         = filesha256("${path.module}/events/migrate.json")
    database      = local.aurora ? aws_rds_cluster.aurora[0].arn : aws_db_instance.postgres[0].arn
  }

  lifecycle {
    postcondition {
      condition     = jsondecode(self.result)["statusCode"] == 200
      error_message = "The migration invocation did not answer 200: ${self.result}. Fix the cause, then re-run it with terraform apply -replace='aws_lambda_invocation.migrate[0]'."
    }
  }

  # The function must reach the database through the proxy before it can migrate.
  depends_on = [
    aws_db_proxy_target.this,
    aws_vpc_security_group_egress_rule.function_to_proxy,
    aws_vpc_security_group_ingress_rule.proxy_from_function,
    aws_vpc_security_group_egress_rule.proxy_to_database,
    aws_vpc_security_group_ingress_rule.database_from_proxy,
  ]
}
