package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** TCP ports on 127.0.0.1: whether one is free, a free one, and the one a server starts on. */
final class Ports {
    private Ports() {}

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the system hands out as free now. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER, "Cannot find a free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /**
     * The port to start on: the one asked for (pgreset.port), else the one kept for the folder, else a free one. A port
     * asked for that another program holds is refused; a kept one that another program took since is replaced.
     */
    static ServerRecord choose(ServerDirectory folder, ServerRecord record, int asked) throws java.io.IOException {
        ServerRecord chosen;
        if (asked != 0) {
            chosen = record.withPort(asked, false);
        } else if (record.port() != 0 && (record.portChosen() || free(record.port()))) {
            chosen = record;
        } else {
            chosen = record.withPort(free(), true);
        }
        if (!free(chosen.port())) {
            if (!chosen.portChosen()) {
                throw taken(folder, chosen.port());
            }
            chosen = record.withPort(free(), true);
        }
        if (!chosen.equals(record)) {
            chosen.write(folder.root());
        }
        return chosen;
    }

    static PgResetException taken(ServerDirectory folder, int port) {
        return new PgResetException(
                Problem.LOCAL_SERVER,
                "Port " + port + " on " + LocalServer.HOST + " is in use by another program, so the server in "
                        + folder.root() + " cannot listen there. Set pgreset.port to a free port, or to 0 to let"
                        + " pgreset choose one.");
    }
}
