// The build failed on the thresholds, and said which ones, with what was measured.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('pushbench capacity: thresholds: 2 of 2 failed')
assert log.contains('websocket capacity>=1000000: capacity 2 connections < 1000000')
assert log.contains('websocket p99<1us: step 1: p99 ')
assert new File(basedir, 'target/pushbench/capacity/junit-thresholds.xml').text.contains('failures="2"')
return true
