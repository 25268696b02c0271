package io.github.pgreset.core.connection;

import java.util.Locale;

/** Reads a parameter whose value is one of an enum's constants, in any case, with - for _. */
public final class ChoiceParameter {
    private ChoiceParameter() {}

    /**
     * @param refusal what follows the property and its value in the message when the value is none of them: {@code is not one of ...}
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String property, String text, String refusal) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new PgResetException(Problem.CONFIGURATION, property + " \"" + text + "\" " + refusal);
        }
    }
}
