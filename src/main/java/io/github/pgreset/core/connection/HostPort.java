package io.github.pgreset.core.connection;

/** One server address of a connection. */
public record HostPort(String host, int port) {
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
