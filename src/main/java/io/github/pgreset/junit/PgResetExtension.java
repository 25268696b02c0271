package io.github.pgreset.junit;

import io.github.pgreset.core.ServerProperties;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link PgReset}: the build's server held for this JVM's tests, the class's database made fresh
 * before the class, and before each method when asked. The class's
 * reset runs before its test instance is made too, so that a test context loaded then (a per-class test instance)
 * already finds the fresh database.
 */
public final class PgResetExtension implements BeforeAllCallback, TestInstancePreConstructCallback, BeforeEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PgResetExtension.class);

    /** What the class's reset left: whether the next method may use the database as it is. */
    private static final class ClassState {
        private boolean freshForTheNextMethod;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        freshForTheClass(context);
    }

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        freshForTheClass(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        PgReset annotation = annotation(context);
        ClassState state = classState(context);
        if (annotation.fresh() == PgReset.Fresh.EACH_METHOD) {
            if (state.freshForTheNextMethod) {
                state.freshForTheNextMethod = false; // the class's reset serves its first method
            } else {
                reset(context, annotation);
            }
        }
    }

    /** Once per class, whichever of its callbacks comes first. */
    private void freshForTheClass(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(ClassState.class, ClassState.class) != null) {
            return;
        }
        PgReset annotation = annotation(context);
        reset(context, annotation);
        ClassState state = new ClassState();
        state.freshForTheNextMethod = true;
        store.put(ClassState.class, state);
    }

    private ClassState classState(ExtensionContext context) {
        ClassState state = context.getStore(NAMESPACE).get(ClassState.class, ClassState.class);
        if (state == null) {
            freshForTheClass(context);
            state = context.getStore(NAMESPACE).get(ClassState.class, ClassState.class);
        }
        return state;
    }

    private static void reset(ExtensionContext context, PgReset annotation) {
        long start = System.nanoTime();
        TestServer server = TestServer.forThisJvm();
        FreshDatabase database = server.database(annotation);
        database.reset();
        server.debug(String.format(
                Locale.ROOT,
                "pgreset: %s fresh for %s in %.1f ms.",
                database.name(),
                context.getDisplayName(),
                (System.nanoTime() - start) / 1e6));
        System.setProperty(ServerProperties.URL, database.url());
        System.setProperty(ServerProperties.USERNAME, server.server().superuser());
        System.setProperty(ServerProperties.PASSWORD, server.server().password());
        // the pools of test contexts on this database hold sessions the reset ended
        Pools.evict(database.url());
    }

    private static PgReset annotation(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            PgReset found = AnnotationSupport.findAnnotation(c, PgReset.class).orElse(null);
            if (found != null) {
                return found;
            }
        }
        throw new IllegalStateException(testClass + " is not annotated with @PgReset");
    }
}
