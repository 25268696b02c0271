package io.github.pgreset.core.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release of the PostgreSQL binaries as Maven Central versions them: {@code 18.1.0}, {@code 9.6.24}, or {@code
 * 10.5.0-1} for a rebuild of 10.5.0.
 *
 * @param text the version as written
 */
public record Release(String text) implements Comparable<Release> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:-(\\d+))?");

    public Release {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("not a release of the binaries: " + text);
        }
    }

    /** The release, or empty for a version of another form. */
    public static java.util.Optional<Release> parse(String text) {
        return text != null && FORM.matcher(text).matches()
                ? java.util.Optional.of(new Release(text))
                : java.util.Optional.empty();
    }

    /** The major version as PostgreSQL writes it in PG_VERSION: {@code 18}, or {@code 9.6} before 10. */
    public String major() {
        List<Integer> n = numbers();
        return n.get(0) < 10 ? n.get(0) + "." + n.get(1) : String.valueOf(n.get(0));
    }

    /** The numbers in order, the rebuild last (0 when there is none). */
    private List<Integer> numbers() {
        Matcher m = FORM.matcher(text);
        m.matches();
        List<Integer> numbers = new ArrayList<>();
        for (int group = 1; group <= 4; group++) {
            numbers.add(m.group(group) == null ? 0 : Integer.parseInt(m.group(group)));
        }
        return Collections.unmodifiableList(numbers);
    }

    @Override
    public int compareTo(Release other) {
        List<Integer> mine = numbers();
        List<Integer> theirs = other.numbers();
        for (int i = 0; i < mine.size(); i++) {
            int c = Integer.compare(mine.get(i), theirs.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
