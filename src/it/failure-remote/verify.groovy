def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
// refused before connecting, naming the flag that allows it
assert log =~ /\[ERROR\] .*Refusing to connect to db\.staging\.example\.com:5432: it is not this machine .* set pgreset\.allowRemote=true/
// no connection was attempted: an attempt at this host fails with the plugin's own "Cannot connect to
// db.staging.example.com:5432: unknown host", or with the driver's errors
assert !log.contains('Cannot connect to') && !log.contains('UnknownHostException') && !log.contains('PSQLException')
return true
