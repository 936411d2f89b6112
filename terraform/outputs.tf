output "api_endpoint" {
  description = "Base URL of the HTTP API, e.g. for curl \"$API/api/v1/workflows\"."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "function_name" {
  description = "Name of the Lambda function (aws lambda invoke, logs)."
  value       = aws_lambda_function.this.function_name
}

output "function_log_group" {
  description = "CloudWatch log group of the function: the application's JSON lines, including the cleanup outcome."
  value       = aws_cloudwatch_log_group.function.name
}

output "api_access_log_group" {
  description = "CloudWatch log group of the HTTP API's access log."
  value       = aws_cloudwatch_log_group.api.name
}

output "db_proxy_endpoint" {
  description = "RDS Proxy endpoint the function connects to (TLS and IAM auth required)."
  value       = aws_db_proxy.this.endpoint
}

output "db_master_user_secret_arn" {
  description = "Secrets Manager secret of the database master user, managed and rotated by RDS."
  value       = local.db_master_secret_arn
}

output "cleanup_schedule_name" {
  description = "EventBridge Scheduler schedule of the retention cleanup."
  value       = aws_scheduler_schedule.cleanup.name
}

output "cleanup_dead_letter_queue_url" {
  description = "SQS queue holding cleanup invocations that could not be delivered or crashed."
  value       = aws_sqs_queue.cleanup_dlq.url
}

output "migration_result" {
  description = "Response of the last migration invocation (statusCode 200 and the applied versions), null when run_migrations is false."
  value       = one(aws_lambda_invocation.migrate[*].result)
}
