package io.github.pgreset.maven.internal;

import io.github.pgreset.core.ServerProperties;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.configuration.DefaultPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Where the command line meets the POM: reads the {@code -D} properties against the plugin's descriptor, and sets the
 * parameters whose {@code -D} property should win over the POM's {@code <configuration>} (Maven itself gives the POM
 * precedence), converting the value exactly as Maven does.
 */
public final class CommandLine {
    private CommandLine() {}

    /** The run's properties and this goal's parameters; nothing known outside a Maven run (a test harness). */
    public static CommandLineProperties read(MavenSession session, MojoExecution execution) {
        MojoDescriptor mojo = execution == null ? null : execution.getMojoDescriptor();
        if (session == null || mojo == null || mojo.getPluginDescriptor() == null) {
            return new CommandLineProperties(Map.of(), Map.of(), Set.of(), Set.of());
        }
        Map<String, String> given = new HashMap<>();
        Properties user = session.getUserProperties();
        if (user != null) {
            user.stringPropertyNames().forEach(key -> given.put(key, user.getProperty(key)));
        }
        Set<String> pluginProperties = new HashSet<>();
        for (MojoDescriptor goal : mojo.getPluginDescriptor().getMojos()) {
            pluginProperties.addAll(parameters(goal).keySet());
        }
        // set by restore for the rest of the build; a user may give it to force the migration step
        pluginProperties.add(ServerProperties.SKIP_MIGRATIONS);
        Map<String, String> goalParameters = parameters(mojo);
        Set<String> configured = new HashSet<>();
        Xpp3Dom configuration = execution.getConfiguration();
        if (configuration != null) {
            goalParameters.forEach((property, parameter) -> {
                Xpp3Dom element = configuration.getChild(parameter);
                if (element != null && configuredInPom(element, property)) {
                    configured.add(parameter);
                }
            });
        }
        return new CommandLineProperties(given, goalParameters, pluginProperties, configured);
    }

    /** Sets each overridden parameter to its command-line value, as Maven would convert it. */
    public static void apply(
            List<CommandLineProperties.Override> overrides,
            Object mojo,
            MavenSession session,
            MojoExecution execution,
            ComponentConfigurator configurator)
            throws MojoExecutionException {
        if (overrides.isEmpty()) {
            return;
        }
        DefaultPlexusConfiguration configuration = new DefaultPlexusConfiguration("configuration");
        for (CommandLineProperties.Override override : overrides) {
            DefaultPlexusConfiguration parameter = new DefaultPlexusConfiguration(override.parameter());
            parameter.setValue(override.value());
            configuration.addChild(parameter);
        }
        ClassRealm realm = execution.getMojoDescriptor().getPluginDescriptor().getClassRealm();
        try {
            configurator.configureComponent(
                    mojo, configuration, new PluginParameterExpressionEvaluator(session, execution), realm);
        } catch (ComponentConfigurationException e) {
            throw new MojoExecutionException(
                    "Cannot apply "
                            + overrides.stream().map(o -> "-D" + o.property()).toList()
                            + " over the POM's configuration: " + e.getMessage(),
                    e);
        }
    }

    /** Property name to parameter name, for the parameters a user may set with {@code -Dpgreset.*}. */
    private static Map<String, String> parameters(MojoDescriptor goal) {
        Map<String, String> parameters = new HashMap<>();
        if (goal.getParameters() == null) {
            return parameters;
        }
        for (Parameter parameter : goal.getParameters()) {
            String property = property(parameter.getExpression());
            if (property != null && property.startsWith(CommandLineProperties.PREFIX) && parameter.isEditable()) {
                parameters.put(property, parameter.getName());
            }
        }
        return parameters;
    }

    /** {@code pgreset.url} of {@code ${pgreset.url}}; {@code null} for anything else. */
    private static String property(String expression) {
        if (expression == null || !expression.startsWith("${") || !expression.endsWith("}")) {
            return null;
        }
        return expression.substring(2, expression.length() - 1);
    }

    /**
     * Whether the POM sets the parameter: Maven fills every parameter the POM leaves out with its property
     * expression ({@code ${pgreset.url}}), so anything else, a value or child elements, came from the POM.
     */
    private static boolean configuredInPom(Xpp3Dom element, String property) {
        if (element.getChildCount() > 0) {
            return true;
        }
        String value = element.getValue();
        return value != null && !value.isBlank() && !value.strip().equals("${" + property + "}");
    }
}
