import io.github.pgreset.testing.EmbeddedServers

try {
    def log = new File(basedir, 'build.log').text
    // 1: the first start made the data directory and the database
    assert log =~ /\[INFO\] Made the data directory \S+\/pgdata \(PostgreSQL 18\.\d+\.\d+, superuser postgres(, run as "\w+")?\) in \d+ ms\./
    assert log.count('Made the data directory') == 1: 'the data directory was made more than once'
    def started = (log =~ /\[INFO\] PostgreSQL 18\.\d+\.\d+ (started for the build|started|is running): jdbc:postgresql:\/\/127\.0\.0\.1:(\d+)\/pgreset-it-embedded( \(made the database\))? in \d+ ms\. psql: PGPASSFILE=\S+\/pgpass psql -h 127\.0\.0\.1 -p \d+ -U postgres pgreset-it-embedded/)
    assert started.size() == 4: "four starts: ${started.collect { it[0] }}"
    assert started[0][3] != null && started[1][3] == null: 'only the first start made the database'
    // 1 and 2: each build started the server for itself and stopped it when it ended (pgreset:stop, bound after the
    // tests, left it to the build's end); 3: started by hand, it keeps running after Maven exits
    assert started.collect { it[1] } == ['started for the build', 'started for the build', 'started', 'started for the build']
    assert (log =~ /\[INFO\] pgreset:stop leaves the PostgreSQL server in \S+ to the end of the build, after the last module that uses it: it stops then, unless another build uses it or it was started by hand\./).size() == 3
    assert (log =~ /\[INFO\] pgreset: stopped the PostgreSQL server in \S+ in \d+ ms, as no other build uses it\./).size() == 3
    assert log =~ /\[INFO\] It keeps running after Maven exits, until mvn pgreset:stop\. For an application: url=jdbc:postgresql:\/\/127\.0\.0\.1:\d+\/pgreset-it-embedded username=postgres password=\S+/
    // the same port each time, kept for the data directory
    assert started.collect { it[2] }.unique().size() == 1: 'the port changed between builds'
    // 4 and 5: killed, then started again by the next build, which stopped it when it ended
    assert log =~ /killed the server \d+ in \S+/
    assert log =~ /\[INFO\] The server in \S+ had been stopped without a shutdown \(process \d+ is gone\); starting it again, PostgreSQL recovers its data\./
    // the Failsafe test passed in each of the three builds: a fresh, empty database each time
    assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed/).size() == 3
    assert log.count('BUILD SUCCESS') == 6
    assert EmbeddedServers.running(basedir) == 0: 'the last build stopped its server'
    // 6: one of the two builds made the twin's server, the other found it running: one server, one port
    def first = new File(basedir, 'twin/first.log').text
    def second = new File(basedir, 'twin/second.log').text
    def both = first + second
    assert both.count('Made the data directory') == 1: both
    def twins = (both =~ /PostgreSQL 18\.\d+\.\d+ (started|is running): jdbc:postgresql:\/\/127\.0\.0\.1:(\d+)\/pgreset-it-twin/)
    assert twins.size() == 2 && twins[0][2] == twins[1][2]: both
    assert twins.collect { it[1] }.sort() == ['is running', 'started']: both
    assert EmbeddedServers.running(new File(basedir, 'twin')) == 1: 'started by hand, it keeps running'
} finally {
    EmbeddedServers.remove(basedir)
    EmbeddedServers.remove(new File(basedir, 'twin'))
}
return true
