import io.github.pgreset.testing.EmbeddedServers

try {
    def log = new File(basedir, 'build.log').text
    // every class passed: Surefire's four in two JVMs twice, Failsafe's one twice, the launcher's one
    assert (log =~ /Tests run: 4, Failures: 0, Errors: 0, Skipped: 0\n/).size() == 2
    assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0\n/).size() >= 2
    assert log =~ /tests successful\s*\(1\)|\[\s+1 tests successful\s+\]/
    // each JVM on a database of its own: Surefire's two JVMs on shop_it and shop_it_2
    def runs = (log =~ /\[junit-it\] (\w+) on (\w+) in JVM (\d+)/).collect { [it[1], it[2], it[3]] }
    def firstBuild = runs.take(5)
    def byJvm = firstBuild.groupBy { it[2] }
    byJvm.each { jvm, classes -> assert classes*.get(1).unique().size() == 1: "one database per JVM: $classes" }
    def surefireDatabases = firstBuild.findAll { it[0] != 'OrdersIT' }.collect { it[1] }.unique().sort()
    assert surefireDatabases == ['shop_it', 'shop_it_2'] || surefireDatabases == ['shop_it']: surefireDatabases
    // nothing in the POM started it, and nothing keeps it: the last JVM's end stopped it
    assert EmbeddedServers.running(basedir) == 0
    assert log.count('BUILD SUCCESS') == 3
} finally {
    EmbeddedServers.remove(basedir)
}
return true
