package io.github.pgreset.junit.spring;

import io.github.pgreset.junit.PgReset;
import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Spring's test framework finds this factory in {@code META-INF/spring.factories}: a test class with {@link PgReset}
 * gets its database as {@code spring.datasource.*}, with no {@code @DynamicPropertySource} or {@code
 * ServiceConnection}. Loaded only where Spring's test framework is on the class path.
 */
public final class PgResetContextCustomizerFactory implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        PgReset annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, PgReset.class);
        return annotation == null ? null : new PgResetContextCustomizer(annotation.database());
    }
}
