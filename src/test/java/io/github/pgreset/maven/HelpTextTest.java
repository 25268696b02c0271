package io.github.pgreset.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn pgreset:help -Ddetail} prints, read from the generated help goal itself: no broken markup from the
 * javadoc ({@code {@code}} left unclosed, a brace out of place), and no line said twice within one parameter.
 */
class HelpTextTest {
    private static String help;

    @BeforeAll
    static void printHelp() throws Exception {
        Class<?> type = Class.forName("io.github.pgreset.pgreset_maven_plugin.HelpMojo");
        Mojo mojo = (Mojo) type.getDeclaredConstructor().newInstance();
        set(mojo, "detail", true);
        set(mojo, "lineLength", 120);
        set(mojo, "indentSize", 2);
        StringBuilder printed = new StringBuilder();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                printed.append(content).append('\n');
            }
        });
        mojo.execute();
        help = printed.toString();
        // for a reader who wants to see it whole
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/pgreset-help.txt"), help);
    }

    private static void set(Object mojo, String field, Object value) throws ReflectiveOperationException {
        Field f = mojo.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
    }

    @Test
    void everyGoalIsThere() {
        for (String goal :
                List.of("sessions", "terminate", "drop", "recreate", "snapshot", "restore", "start", "stop")) {
            assertThat(help).contains("pgreset:" + goal + "\n");
        }
    }

    @Test
    void noJavadocMarkupIsLeftOrBroken() {
        assertThat(help).doesNotContain("{@code", "{@link", "<p>", "&lt;", "&gt;");
        // ${...} must close where it opened: ${project.build.directory}/x, never ${project.build.directory/x}
        assertThat(help).doesNotContainPattern("\\$\\{[^}\\s]*/");
        int depth = 0;
        for (char c : help.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            assertThat(depth).as("braces in the help").isBetween(0, 1);
        }
        assertThat(depth).as("braces in the help").isZero();
    }

    @Test
    void eachParameterSaysEachThingOnce() {
        for (Map.Entry<String, List<String>> parameter : parameters().entrySet()) {
            List<String> lines = parameter.getValue();
            assertThat(lines).as(parameter.getKey()).doesNotHaveDuplicates();
            String text = String.join(" ", lines);
            // Maven prints the property ("User property: ...") and the default itself
            assertThat(text).as(parameter.getKey()).doesNotContain("Property: pgreset.");
            assertThat(text.split("Example: ", -1).length)
                    .as(parameter.getKey() + ": one example")
                    .isLessThanOrEqualTo(2);
            assertThat(text.split("Default: ", -1).length)
                    .as(parameter.getKey() + ": one default")
                    .isLessThanOrEqualTo(2);
        }
    }

    /** Each goal's parameters, as "goal parameter", with the lines of its description. */
    private static Map<String, List<String>> parameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String goal = null;
        List<String> current = null;
        for (String line : help.split("\n")) {
            if (line.startsWith("pgreset:")) {
                goal = line.strip();
                current = null;
            } else if (goal != null && line.matches("    \\S.*")) {
                current = new ArrayList<>();
                parameters.put(goal + " " + line.strip().split(" ")[0], current);
            } else if (current != null && line.startsWith("      ")) {
                current.add(line.strip());
            }
        }
        assertThat(parameters).hasSizeGreaterThan(40);
        return parameters;
    }

    @Test
    void theHelpIsNotEmptyOfSentences() {
        assertThat(Arrays.stream(help.split("\n"))
                        .filter(l -> l.contains("Example: "))
                        .count())
                .isGreaterThan(20);
    }
}
