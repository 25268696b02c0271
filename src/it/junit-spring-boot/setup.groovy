// No server of this build may be left from an earlier run (a failed one): start from nothing.
import io.github.pgreset.testing.EmbeddedServers

EmbeddedServers.remove(basedir)
return true
