def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /\[ERROR\] .*db\.staging\.example\.com/
assert log.contains('allowRemote'): 'the message does not name the flag that allows a remote server'
// refused before connecting: no connection attempt, so no driver error and no unknown-host error
assert !log.contains('UnknownHostException') && !log.contains('PSQLException')
return true
