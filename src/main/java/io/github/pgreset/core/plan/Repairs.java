package io.github.pgreset.core.plan;

import java.util.List;

/** How pgreset says, in one line, what it repaired of a goal that was stopped part-way. */
public final class Repairs {
    private Repairs() {}

    /** {@code Repaired what an interrupted pgreset goal left: reopened database "chat".}; empty when nothing was. */
    public static String line(List<String> found) {
        return found.isEmpty()
                ? ""
                : "Repaired what an interrupted pgreset goal left: " + String.join("; ", found) + ".";
    }
}
