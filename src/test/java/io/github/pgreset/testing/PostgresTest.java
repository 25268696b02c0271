package io.github.pgreset.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test once on every test server (PostgreSQL 12 and 18 by default), named after the server's version. The
 * test may take a {@link PgServer} and a {@link TestDatabases} parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {
    /** The oldest major version the test applies to; older servers do not run it (and the report shows none). */
    int since() default 0;
}
