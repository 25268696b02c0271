// No server of this project's may be left from an earlier run of the build (a failed one): start from nothing.
import io.github.pgreset.testing.EmbeddedServers

EmbeddedServers.remove(basedir)
EmbeddedServers.remove(new File(basedir, 'twin'))
return true
