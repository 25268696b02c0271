// A port in use by another program, held open until verify.groovy; and no server of this project's left over.
import io.github.pgreset.testing.EmbeddedServers

EmbeddedServers.remove(basedir)
def socket = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1'))
new File(basedir, 'taken-port.properties').text = "pgreset.port=${socket.localPort}\n"
System.properties.put('pgreset.it.takenPort', socket)
return true
