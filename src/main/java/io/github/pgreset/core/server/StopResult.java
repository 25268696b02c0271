package io.github.pgreset.core.server;

import java.nio.file.Path;

/**
 * What {@code pgreset:stop} did.
 *
 * @param dataDirectory the folder of the server
 * @param found whether pgreset had made a server there
 * @param stopped whether a running server was stopped
 * @param removed whether the folder was deleted with its data
 * @param millis the time it took
 */
public record StopResult(Path dataDirectory, boolean found, boolean stopped, boolean removed, long millis) {}
