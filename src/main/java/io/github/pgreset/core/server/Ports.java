package io.github.pgreset.core.server;

import io.github.pgreset.core.PgResetException;
import io.github.pgreset.core.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** TCP ports on 127.0.0.1: whether one is free, and a free one. */
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
}
