package io.github.pgreset.maven.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** The build's executions of Surefire's {@code test} and Failsafe's {@code integration-test}, read from the POM. */
public final class BuildTestRuns {
    private BuildTestRuns() {}

    /** Where {@code execution} (a snapshot) sits, and whether tests run before it; empty when none do. */
    public static java.util.Optional<String> refusal(MavenSession session, MojoExecution execution) {
        MavenProject project = session == null ? null : session.getCurrentProject();
        if (project == null || execution == null) {
            return java.util.Optional.empty();
        }
        String self = execution.getGroupId() + ":" + execution.getArtifactId();
        List<Plugin> plugins = project.getBuildPlugins();
        int pluginIndex = 0;
        for (int i = 0; i < plugins.size(); i++) {
            if (plugins.get(i).getKey().equals(self)) {
                pluginIndex = i;
            }
        }
        List<String> phasesBefore = new ArrayList<>();
        if (execution.getLifecyclePhase() == null) {
            for (String task : session.getGoals()) {
                if (task.contains(":")) {
                    break; // the first goal run by name: this one, or one before it
                }
                phasesBefore.add(task);
            }
        }
        return TestsBeforeSnapshot.refusal(
                execution.getLifecyclePhase(), phasesBefore, pluginIndex, runs(session, execution, plugins));
    }

    private static List<TestsBeforeSnapshot.TestRun> runs(
            MavenSession session, MojoExecution execution, List<Plugin> plugins) {
        PluginParameterExpressionEvaluator evaluator = new PluginParameterExpressionEvaluator(session, execution);
        List<TestsBeforeSnapshot.TestRun> runs = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            Plugin plugin = plugins.get(i);
            boolean surefire = plugin.getArtifactId().equals("maven-surefire-plugin");
            boolean failsafe = plugin.getArtifactId().equals("maven-failsafe-plugin");
            if (!surefire && !failsafe) {
                continue;
            }
            String goal = surefire ? "test" : "integration-test";
            for (PluginExecution run : plugin.getExecutions()) {
                if (!run.getGoals().contains(goal)) {
                    continue;
                }
                String phase = run.getPhase() != null ? run.getPhase() : goal;
                List<String> includes = includes(plugin.getConfiguration(), run.getConfiguration(), failsafe);
                boolean skipped = skipped(session, evaluator, failsafe, plugin.getConfiguration())
                        || skipped(session, evaluator, failsafe, run.getConfiguration())
                        // Surefire finds no *Test class where a project has only Failsafe's *IT ones
                        || (!runsNamedTests(session) && !hasTests(session.getCurrentProject(), includes));
                runs.add(new TestsBeforeSnapshot.TestRun(
                        plugin.getArtifactId() + ":" + goal + " (" + run.getId() + ")",
                        phase,
                        run.getId().startsWith("default-"),
                        i,
                        skipped));
            }
        }
        return runs;
    }

    /** Skipped by its configuration or by the properties that skip tests. */
    private static boolean skipped(
            MavenSession session,
            PluginParameterExpressionEvaluator evaluator,
            boolean failsafe,
            Object configuration) {
        List<String> names = failsafe
                ? List.of("skip", "skipTests", "skipITs", "skipExec")
                : List.of("skip", "skipTests", "skipExec");
        if (configuration instanceof Xpp3Dom dom) {
            for (String name : names) {
                Xpp3Dom child = dom.getChild(name);
                if (child != null && isTrue(evaluator, child.getValue())) {
                    return true;
                }
            }
        }
        List<String> properties =
                failsafe ? List.of("maven.test.skip", "skipTests", "skipITs") : List.of("maven.test.skip", "skipTests");
        Properties user = session.getUserProperties();
        Properties project = session.getCurrentProject().getProperties();
        return properties.stream()
                .anyMatch(p ->
                        "true".equals(user.getProperty(p, project.getProperty(p))) || "".equals(user.getProperty(p)));
    }

    private static boolean isTrue(PluginParameterExpressionEvaluator evaluator, String value) {
        if (value == null) {
            return false;
        }
        try {
            return "true".equals(String.valueOf(evaluator.evaluate(value.strip())));
        } catch (ExpressionEvaluationException e) {
            return false;
        }
    }

    /** Surefire's and Failsafe's own default includes, unless the POM names others. */
    private static List<String> includes(Object pluginConfiguration, Object runConfiguration, boolean failsafe) {
        for (Object configuration : List.of(
                runConfiguration == null ? new Object() : runConfiguration,
                pluginConfiguration == null ? new Object() : pluginConfiguration)) {
            if (configuration instanceof Xpp3Dom dom && dom.getChild("includes") != null) {
                List<String> given = new ArrayList<>();
                for (Xpp3Dom include : dom.getChild("includes").getChildren()) {
                    if (include.getValue() != null) {
                        given.add(include.getValue().strip());
                    }
                }
                return given;
            }
        }
        return failsafe
                ? List.of("**/IT*.java", "**/*IT.java", "**/*ITCase.java")
                : List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java", "**/*TestCase.java");
    }

    /** -Dtest or -Dit.test names the tests to run, whatever the includes say. */
    private static boolean runsNamedTests(MavenSession session) {
        Properties user = session.getUserProperties();
        return user.getProperty("test") != null || user.getProperty("it.test") != null;
    }

    /** Whether a test source of the project matches one of the includes (a project without such tests writes nothing). */
    private static boolean hasTests(MavenProject project, List<String> includes) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String include : includes) {
            String glob = include.replace('\\', '/').replaceAll("\\.class$", ".java");
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
            }
        }
        for (String root : project.getTestCompileSourceRoots()) {
            Path folder = Path.of(root);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    if (files.filter(Files::isRegularFile)
                            .map(folder::relativize)
                            .anyMatch(file -> matchers.stream().anyMatch(m -> m.matches(file)))) {
                        return true;
                    }
                } catch (IOException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
