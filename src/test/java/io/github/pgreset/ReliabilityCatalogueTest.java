package io.github.pgreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md names, for each case, the tests that prove it: every test and invoker build it names exists, and
 * its rows are numbered 1, 2, 3 ... without a gap, so that "row 46" means one thing.
 */
class ReliabilityCatalogueTest {
    private static final Path CATALOGUE = Path.of("docs/reliability.md");
    private static final Path TESTS = Path.of("src/test/java");
    private static final Path INVOKER_BUILDS = Path.of("src/it");

    private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d+) \\|.*$");
    private static final Pattern TEST = Pattern.compile("`(\\w+(?:Test|IT))#(\\w+)`");
    private static final Pattern WHOLE_CLASS = Pattern.compile("`(\\w+(?:Test|IT))`");
    private static final Pattern INVOKER = Pattern.compile("invoker `([\\w-]+)`");

    private static String catalogue() throws IOException {
        return Files.readString(CATALOGUE);
    }

    /** The test classes by simple name, with their source. */
    private static Map<String, String> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(TESTS)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.toMap(f -> f.getFileName().toString().replace(".java", ""), f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        }
    }

    @Test
    void everyTestTheCatalogueNamesExists() throws IOException {
        Map<String, String> sources = testSources();
        List<String> missing = new ArrayList<>();
        Matcher test = TEST.matcher(catalogue());
        int named = 0;
        while (test.find()) {
            named++;
            String source = sources.get(test.group(1));
            if (source == null
                    || !Pattern.compile("void " + test.group(2) + "\\(")
                            .matcher(source)
                            .find()) {
                missing.add(test.group(1) + "#" + test.group(2));
            }
        }
        Matcher whole = WHOLE_CLASS.matcher(catalogue());
        while (whole.find()) {
            if (!sources.containsKey(whole.group(1))) {
                missing.add(whole.group(1));
            }
        }
        assertThat(named).as("tests named").isGreaterThan(50);
        assertThat(missing).as("tests the catalogue names that do not exist").isEmpty();
    }

    @Test
    void everyInvokerBuildTheCatalogueNamesExists() throws IOException {
        Matcher build = INVOKER.matcher(catalogue());
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (build.find()) {
            named++;
            if (!Files.isRegularFile(INVOKER_BUILDS.resolve(build.group(1)).resolve("invoker.properties"))) {
                missing.add(build.group(1));
            }
        }
        assertThat(named).as("invoker builds named").isGreaterThan(5);
        assertThat(missing)
                .as("invoker builds the catalogue names that do not exist")
                .isEmpty();
    }

    @Test
    void rowsAreNumberedWithoutAGap() throws IOException {
        Matcher row = ROW.matcher(catalogue());
        List<Integer> numbers = new ArrayList<>();
        while (row.find()) {
            numbers.add(Integer.parseInt(row.group(1)));
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= numbers.size(); i++) {
            expected.add(i);
        }
        assertThat(numbers).isEqualTo(expected);
    }
}
