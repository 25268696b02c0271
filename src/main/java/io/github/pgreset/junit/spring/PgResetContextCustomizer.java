package io.github.pgreset.junit.spring;

import io.github.pgreset.core.ServerProperties;
import io.github.pgreset.junit.Pools;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test context at the {@link io.github.pgreset.junit.PgReset} database that the extension made fresh before
 * the context was loaded ({@code pgreset.url}, {@code pgreset.username}, {@code pgreset.password}), and registers its
 * pools, which the extension empties after each reset. Part of the context's cache key: contexts on two databases are
 * two contexts.
 */
final class PgResetContextCustomizer implements ContextCustomizer {
    private final String database;

    PgResetContextCustomizer(String database) {
        this.database = database;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "pgreset",
                        Map.of(
                                "spring.datasource.url", required(ServerProperties.URL),
                                "spring.datasource.username", required(ServerProperties.USERNAME),
                                "spring.datasource.password", required(ServerProperties.PASSWORD))));
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource pool) {
                    Pools.register(pool);
                }
                return bean;
            }
        });
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: @PgReset's extension sets it before the test"
                    + " context is loaded. Is the test class run by JUnit Jupiter with @PgReset on it?");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PgResetContextCustomizer that && database.equals(that.database);
    }

    @Override
    public int hashCode() {
        return Objects.hash(PgResetContextCustomizer.class, database);
    }
}
