# Names, tags and the facts every other file shares.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name       = var.name
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  tags = merge(var.tags, {
    Application = "workflow-ingest"
    Deployment  = var.name
    ManagedBy   = "terraform"
  })
}
