# API Gateway HTTP API, payload format 2.0: one explicit route per public endpoint of the
# application, never $default or a catch-all, so the internal routes (/internal/...) cannot be
# reached from outside. deploy/TerraformConfigTest compares this list with the application's
# JAX-RS resources on every build.

locals {
  public_route_keys = [
    "POST /api/v1/workflows",
    "POST /api/v1/workflows/batch",
    "GET /api/v1/workflows",
    "POST /api/v1/workflows/query",
    "GET /api/v1/workflows/{workflow_id}",
    "DELETE /api/v1/workflows/{workflow_id}",
    "GET /api/v1/workflows/{workflow_id}/lineage",
    "GET /api/v1/artifacts",
    "GET /api/v1/campaigns",
    "GET /api/v1/campaigns/{campaign_id}",
    "POST /api/v1/admin/cleanup",
    # Health and the OpenAPI document are open by design (API.md): public, unauthenticated, harmless.
    "GET /q/health/live",
    "GET /q/health/ready",
    "GET /q/openapi",
  ]
}

resource "aws_apigatewayv2_api" "this" {
  name          = local.name
  description   = "workflow-ingest HTTP API"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "function" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_function.this.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 30000
}

resource "aws_apigatewayv2_route" "public" {
  for_each = toset(local.public_route_keys)

  api_id    = aws_apigatewayv2_api.this.id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.function.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.api_throttling_rate_limit
    throttling_burst_limit = var.api_throttling_burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      sourceIp           = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      routeKey           = "$context.routeKey"
      path               = "$context.path"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      latencyMs          = "$context.responseLatency"
      integrationStatus  = "$context.integrationStatus"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      error              = "$context.error.message"
    })
  }

  depends_on = [aws_apigatewayv2_route.public]
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowHttpApiPublicRoutes"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "apigateway.amazonaws.com"
  # Any stage, method and path of this API only: its routes are the public ones above.
  source_arn = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}
