package io.github.pgreset.testing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Gives each {@link PostgresTest} one invocation per test server; servers start once per JVM. */
public final class PostgresExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> m.isAnnotationPresent(PostgresTest.class))
                .orElse(false);
    }

    /** A test marked {@code since} a version none of the servers has runs on none of them. */
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        int since = context.getRequiredTestMethod()
                .getAnnotation(PostgresTest.class)
                .since();
        List<PgServer> servers = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestServers.class, k -> TestServers.start(), TestServers.class)
                .servers();
        return servers.stream().filter(s -> s.version().major() >= since).map(Invocation::new);
    }

    private record Invocation(PgServer server) implements TestTemplateInvocationContext, ParameterResolver {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "PostgreSQL " + server.version();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == PgServer.class || type == TestDatabases.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (parameter.getParameter().getType() == PgServer.class) {
                return server;
            }
            return context.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(TestDatabases.class, k -> new TestDatabases(server), TestDatabases.class);
        }
    }
}
