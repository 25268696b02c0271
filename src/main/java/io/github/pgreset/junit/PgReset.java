package io.github.pgreset.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fresh PostgreSQL database for the tests of a class, on the build's own server: the one {@code pgreset:start} runs
 * for the build, started the same way when it is not running (from Maven Central's binaries, as an unprivileged account
 * when the tests run as root), from Maven and from an IDE alike.
 *
 * <p>Before the class runs, its database is fresh: a copy of the snapshot of its {@link #migrations()} (in
 * milliseconds, swapped in from a copy prepared while the tests before ran), or, the first time and after a migration
 * changed, recreated empty, migrated with Flyway and saved as that snapshot. The system properties {@code pgreset.url},
 * {@code pgreset.username} and {@code pgreset.password} then name it; a Spring test context gets it as {@code
 * spring.datasource.url}, {@code spring.datasource.username} and {@code spring.datasource.password}, and its
 * connection pool is emptied after each reset. Each JVM running tests at once (Surefire's {@code forkCount}) gets a
 * database of its own.
 *
 * <pre>{@code
 * @SpringBootTest
 * @PgReset(database = "shop_it")
 * class OrderServiceTest { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PgResetExtension.class)
public @interface PgReset {
    /**
     * The database the tests work on. Default: the module's folder name with {@code _test}, e.g. {@code
     * catalog-service_test}. A second JVM running tests at once gets {@code <database>_2}, and so on.
     */
    String database() default "";

    /** When the database is made fresh: before each test class (the default), or before each test method too. */
    Fresh fresh() default Fresh.EACH_CLASS;

    /**
     * The Flyway migrations that make the database, folders relative to the module (test data among them, in run
     * order): what the snapshot is made from, so that a changed migration makes it stale. Default: Flyway's own
     * location, {@code src/main/resources/db/migration}; a folder that does not exist is left out, and with none the
     * database is recreated empty.
     */
    String[] migrations() default {"src/main/resources/db/migration"};

    /** When the database is made fresh. */
    enum Fresh {
        /** Before each test class. */
        EACH_CLASS,
        /** Before each test class and each test method. */
        EACH_METHOD
    }
}
