/**
 * The PostgreSQL server pgreset starts for a build on a machine that has none ({@code pgreset:start} and {@code
 * pgreset:stop}): the binaries from Maven Central, unpacked once into a cache; a data directory that pgreset made and
 * keeps from build to build; the server process, run as an unprivileged account when the build runs as root.
 * {@link io.github.pgreset.core.server.LocalServers} is the entry point.
 */
package io.github.pgreset.core.server;
