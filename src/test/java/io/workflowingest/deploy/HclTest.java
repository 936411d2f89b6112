package io.workflowingest.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict HCL reader accepts the valid constructs Terraform files use and reads their structure. */
class HclTest {

    @Test
    void readsValidConstructs() {
        Hcl.File file = Hcl.parse("ok.tf", """
                /* block
                   comment */
                locals {
                  a = { for k, v in var.m : k => upper(v) if v != "" }
                  b = [for s in var.l : "${s}-x"]
                  c = var.x == null ? aws_subnet.private[*].id : var.ids
                  d = {
                    one = 1
                    two = "${var.name}-${local.a["k"]}"
                  }
                  e = <<-EOT
                    hello ${var.name}
                    %{ if var.flag }yes%{ endif } $${literal}
                  EOT
                  f = "{ $.mdc.outcome = \\"${each.key}\\" }" // trailing comment
                  g = -1
                  h = jsondecode(self.result).statusCode == 200
                }
                resource "aws_x" "y" { name = "one-line" }
                resource "aws_x" "z" {
                  dynamic "statement" {
                    for_each = var.k == null ? [] : [var.k]
                    content {
                      resources = [statement.value]
                    }
                  }
                }
                """);
        Hcl.Body locals = file.body().blocks("locals").get(0).body();
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), locals.attributes().stream().map(Hcl.Attribute::name).toList());
        assertEquals("jsondecode(self.result).statusCode==200", locals.attribute("h").compact());
        assertEquals(List.of("aws_x", "y"), file.body().blocks("resource").get(0).labels());
        assertEquals("\"one-line\"", file.body().blocks("resource").get(0).body().attribute("name").compact());
        assertTrue(file.commentLines().containsAll(List.of(1, 2, 15)), file.commentLines().toString());
        List<String> interpolated = Hcl.flatten(locals.attribute("e").expression()).stream().map(Hcl.Token::text).toList();
        assertTrue(interpolated.containsAll(List.of("var", "name", "flag")), interpolated.toString());
    }

    @Test
    void rejectsDuplicateAttributesAndBlocksThatDoNotEndTheirLine() {
        assertThrows(Hcl.SyntaxError.class, () -> Hcl.parse("x.tf", "a = 1\na = 2\n"));
        assertThrows(Hcl.SyntaxError.class, () -> Hcl.parse("x.tf", "b {\n} c = 1\n"));
        assertThrows(Hcl.SyntaxError.class, () -> Hcl.parse("x.tf", "a = \"${}\"\n"));
        assertThrows(Hcl.SyntaxError.class, () -> Hcl.parse("x.tf", "a = 1 /* never closed\n"));
    }

    @Test
    void rejectsBrokenExpressionsThatStillBalance() {
        for (String broken : List.of(
                "a = var.x..y", "a = aws_vpc.this[0]id", "a = x ? 1", "a = x.y:z", "a = (x, 1)", "a = \"${path.modul,e}\"",
                "a = merge(var.tags {})", "a = [1,, 2]", "a = f(1) +", "a = !", "a = x !y", "a = {\n b = \"\"\"c\"\n}",
                "a = \"${var..region}\"", "a = x...")) {
            assertThrows(Hcl.SyntaxError.class, () -> Hcl.parse("x.tf", broken + "\n"), broken);
        }
        for (String valid : List.of(
                "a = merge(var.x...)", "a = [for x in y : x ? 1 : 2]", "a = { \"k\": 1, b = 2 }", "a = f(1, 2,)",
                "a = [for p in v : p if !can(tostring(p))]", "a = -1 * -x", "a = x[*].y", "a = {\n b = 1\n (local.k) = 2\n}")) {
            Hcl.parse("x.tf", valid + "\n");
        }
    }
}
