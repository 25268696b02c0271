package io.github.pgreset.maven.internal;

import org.apache.maven.shared.utils.logging.MessageUtils;

/**
 * Maven's message styles, as Maven's own plugins use them: bold for what the reader looks for, green for what was
 * done, yellow for what was ended. With colour off (batch mode {@code -B}, a CI log, Maven 4's plain output) the text
 * comes out unchanged.
 */
public final class Styled {
    private Styled() {}

    public static String strong(Object text) {
        return MessageUtils.buffer().strong(text).build();
    }

    public static String success(Object text) {
        return MessageUtils.buffer().success(text).build();
    }

    public static String warning(Object text) {
        return MessageUtils.buffer().warning(text).build();
    }
}
