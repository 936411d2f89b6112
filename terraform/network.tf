# Private networking. The function talks only to RDS Proxy: IAM tokens are signed locally, the
# auth key hashes arrive in its environment and its logs leave through the Lambda service, so the
# subnets need no NAT gateway, internet route or VPC endpoint.

locals {
  create_vpc = var.vpc_id == null
  vpc_id     = local.create_vpc ? aws_vpc.this[0].id : var.vpc_id
  subnet_ids = local.create_vpc ? aws_subnet.private[*].id : var.private_subnet_ids
}

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "this" {
  count = local.create_vpc ? 1 : 0

  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true # the proxy and database endpoints are DNS names

  tags = { Name = local.name }
}

resource "aws_subnet" "private" {
  count = local.create_vpc ? 2 : 0

  vpc_id                  = aws_vpc.this[0].id
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, count.index)
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  map_public_ip_on_launch = false

  tags = { Name = "${local.name}-private-${count.index}" }
}

# ---- Security groups: function -> proxy -> database, PostgreSQL only ------------------

resource "aws_security_group" "function" {
  name        = "${local.name}-function"
  description = "workflow-ingest function: may reach RDS Proxy only"
  vpc_id      = local.vpc_id

  lifecycle {
    precondition {
      condition     = local.create_vpc || length(var.private_subnet_ids) >= 2
      error_message = "With vpc_id, give at least two private_subnet_ids in different availability zones."
    }
  }
}

resource "aws_security_group" "proxy" {
  name        = "${local.name}-proxy"
  description = "RDS Proxy: reached by the function, reaches the database"
  vpc_id      = local.vpc_id
}

resource "aws_security_group" "database" {
  name        = "${local.name}-database"
  description = "PostgreSQL: reached by RDS Proxy only"
  vpc_id      = local.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "function_to_proxy" {
  security_group_id            = aws_security_group.function.id
  referenced_security_group_id = aws_security_group.proxy.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL to RDS Proxy"
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_function" {
  security_group_id            = aws_security_group.proxy.id
  referenced_security_group_id = aws_security_group.function.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from the function"
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_database" {
  security_group_id            = aws_security_group.proxy.id
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL to the database"
}

resource "aws_vpc_security_group_ingress_rule" "database_from_proxy" {
  security_group_id            = aws_security_group.database.id
  referenced_security_group_id = aws_security_group.proxy.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from RDS Proxy"
}
