package io.github.pgreset.core;

import java.util.List;

/** How pgreset says, in one line, what it repaired of a goal that was stopped part-way. */
final class Repairs {
    private Repairs() {}

    /** {@code Repaired what an interrupted pgreset goal left: reopened database "chat".}; empty when nothing was. */
    static String line(List<String> found) {
        return found.isEmpty()
                ? ""
                : "Repaired what an interrupted pgreset goal left: " + String.join("; ", found) + ".";
    }
}
