package io.github.pgreset.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin's documentation is complete and docs/reference.md says the same: every parameter of every goal has javadoc
 * with its default (where Maven does not know it) and an example (what {@code mvn pgreset:help -Ddetail} prints), and the
 * reference's parameter tables list exactly these parameters, with the same properties and defaults.
 */
class PluginDocumentationTest {
    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final List<String> GOALS =
            List.of("sessions", "terminate", "drop", "recreate", "snapshot", "restore", "start", "stop");

    /** One parameter of one goal, as the generated plugin descriptor has it. */
    record DescribedParameter(String goal, String name, String property, String defaultValue, String description) {}

    private static List<DescribedParameter> parameters;
    private static String readme;

    @BeforeAll
    static void read() throws Exception {
        assertThat(DESCRIPTOR)
                .as("the plugin descriptor; run the tests with ./mvnw test, which generates it first")
                .exists();
        parameters = descriptor();
        readme = Files.readString(Path.of("docs/reference.md"));
    }

    @Test
    void everyGoalHasItsParameters() {
        assertThat(parameters).extracting(DescribedParameter::goal).containsAll(GOALS);
        assertThat(parameters).filteredOn(p -> p.goal().equals("recreate")).hasSizeGreaterThan(20);
    }

    @Test
    void everyParameterHasAnExampleAndItsDefaultOnce() {
        for (DescribedParameter p : parameters) {
            assertThat(p.property()).as(p.goal() + " " + p.name()).isEqualTo("pgreset." + p.name());
            // Maven prints the property itself ("User property: ..."); the javadoc gives one example
            assertThat(p.description())
                    .as("javadoc of %s (goal %s)", p.name(), p.goal())
                    .doesNotContain("Property: ")
                    .contains("Example: ");
            // a default Maven knows is printed by the generated help ("Default value is: ..."); the others, once, in
            // words
            if (p.defaultValue() != null) {
                assertThat(p.description()).as(p.name()).doesNotContain("Default:");
            } else {
                assertThat(p.description().split("Default: ", -1)).as(p.name()).hasSize(2);
            }
        }
    }

    @Test
    void theReferenceTablesListTheSameParametersPropertiesAndDefaults() {
        Map<String, List<String>> rows = readmeRows();
        for (DescribedParameter p : parameters) {
            assertThat(rows)
                    .as("docs/reference.md row for parameter " + p.name())
                    .containsKey(p.name());
            List<String> cells = rows.get(p.name());
            assertThat(cells.get(0))
                    .as("docs/reference.md property of " + p.name())
                    .isEqualTo("`" + p.property() + "`");
            if (p.defaultValue() != null) {
                assertThat(cells.get(1))
                        .as("docs/reference.md default of " + p.name())
                        .contains("`" + p.defaultValue() + "`");
            }
        }
        assertThat(rows.keySet())
                .as("docs/reference.md rows without a parameter behind them")
                .allMatch(name -> parameters.stream().anyMatch(p -> p.name().equals(name)));
    }

    /** docs/reference.md table rows {@code | `name` | `property` | default | description |}, by name. */
    private static Map<String, List<String>> readmeRows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| (`pgreset\\.\\w+`) \\|(.*)$")
                .matcher(readme);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.group(2));
            for (String cell : row.group(3).split("\\|")) {
                cells.add(cell.strip());
            }
            rows.put(row.group(1), cells);
        }
        return rows;
    }

    private static List<DescribedParameter> descriptor() throws Exception {
        Element plugin = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(DESCRIPTOR.toFile())
                .getDocumentElement();
        List<DescribedParameter> found = new ArrayList<>();
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            if (!GOALS.contains(goal)) {
                continue;
            }
            Element configuration =
                    (Element) mojo.getElementsByTagName("configuration").item(0);
            NodeList params =
                    ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int j = 0; j < params.getLength(); j++) {
                Element param = (Element) params.item(j);
                if (!"true".equals(text(param, "editable"))) {
                    continue;
                }
                String name = text(param, "name");
                Element value =
                        (Element) configuration.getElementsByTagName(name).item(0);
                String expression = value.getTextContent().strip();
                String defaultValue = value.hasAttribute("default-value") ? value.getAttribute("default-value") : null;
                found.add(new DescribedParameter(
                        goal,
                        name,
                        expression.replaceAll("^\\$\\{(.*)}$", "$1"),
                        defaultValue,
                        text(param, "description")));
            }
        }
        return found;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    /**
     * The core's messages speak Maven where they tell the fix ({@code pgreset.timeout}, {@code pgreset:snapshot}):
     * every such word is a property or a goal of the plugin, or a property it sets, so that advice never names what
     * does not exist.
     */
    @Test
    void everyPropertyAndGoalTheCoreNamesExists() throws Exception {
        java.util.Set<String> properties =
                parameters.stream().map(DescribedParameter::property).collect(java.util.stream.Collectors.toSet());
        // and the properties the goals set for the rest of the build (pgreset.skipMigrations)
        for (java.lang.reflect.Field field : io.github.pgreset.core.ServerProperties.class.getFields()) {
            properties.add((String) field.get(null));
        }
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("pgreset([.:])([a-zA-Z]+)");
        List<String> unknown = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of("src/main/java/io/github/pgreset/core"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                java.util.regex.Matcher m = named.matcher(Files.readString(file));
                while (m.find()) {
                    boolean known = m.group(1).equals(".")
                            ? properties.contains("pgreset." + m.group(2))
                                    || m.group(2).equals("test") // pgreset.test.pauseAfter, the tests' hook
                                    || m.group(2).equals("core") // the package
                            : GOALS.contains(m.group(2));
                    if (!known) {
                        unknown.add(file.getFileName() + ": " + m.group());
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }
}
