package io.workflowingest.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an API key needs to call a route. Put it on a resource method (or on the resource
 * class for all its methods; the method's wins). It is the only thing a new route needs for auth
 * and for the OpenAPI security entry: {@link ApiKeyFilter} enforces it, {@link ApiDocumentation}
 * documents it.
 *
 * <p>Default deny: a route without it is refused (403 {@code undeclared-scope}) whatever the
 * key, and {@code ApiRoutesTest} fails. Only routes under {@code /internal/} go without: they
 * are reachable by raw Lambda invocations only and carry their own guard.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresScope {
    Scope value();
}
