package io.github.pgreset.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test once on every test server (PostgreSQL 12, 13 and 18 by default) whose version it applies to, named
 * after the server's version. The test may take a {@link PgServer} and a {@link TestDatabases} parameter. A test that
 * no server applies to is reported as skipped, with the versions it needs, and fails in CI (CI=true), which must run
 * every test.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {
    /** The oldest major version the test applies to; older servers do not run it. */
    int since() default 0;

    /** The first major version the test no longer applies to; that server and newer ones do not run it. */
    int before() default Integer.MAX_VALUE;
}
