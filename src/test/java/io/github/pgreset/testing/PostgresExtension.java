package io.github.pgreset.testing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
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

    /** Never zero: a test that no server applies to gets one invocation that says so (see {@link NoServer}). */
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return false;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        PostgresTest test = context.getRequiredTestMethod().getAnnotation(PostgresTest.class);
        List<PgServer> servers = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestServers.class, k -> TestServers.start(), TestServers.class)
                .servers();
        List<PgServer> applicable = servers.stream()
                .filter(s -> s.version().major() >= test.since() && s.version().major() < test.before())
                .toList();
        if (applicable.isEmpty()) {
            return Stream.of(new NoServer(test, servers));
        }
        return applicable.stream().map(Invocation::new);
    }

    /**
     * The one invocation of a test that none of the servers applies to: skipped with the versions it needs, or, in
     * CI, failed, so that a server CI should have had cannot go missing without a word.
     */
    private record NoServer(PostgresTest test, List<PgServer> servers)
            implements TestTemplateInvocationContext, ExecutionCondition, BeforeEachCallback {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "no server for it";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        private String reason() {
            return "needs PostgreSQL " + (test.since() > 0 ? test.since() + " or later" : "")
                    + (test.since() > 0 && test.before() < Integer.MAX_VALUE ? " and " : "")
                    + (test.before() < Integer.MAX_VALUE ? "older than " + test.before() : "") + "; the servers are "
                    + servers.stream().map(s -> s.version().toString()).toList()
                    + " (-Dpgreset.test.versions or PGRESET_TEST_SERVERS choose them)";
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return inCi()
                    ? ConditionEvaluationResult.enabled("CI runs every test")
                    : ConditionEvaluationResult.disabled(reason());
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            throw new AssertionError("No test server for this test in CI: it " + reason());
        }

        private static boolean inCi() {
            return "true".equalsIgnoreCase(System.getenv("CI"));
        }
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
