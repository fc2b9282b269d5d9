// The build passed: both goals ran against the server the build started, and kept their checks.
def capacity = new File(basedir, 'target/pushbench/capacity')
assert new File(capacity, 'result.json').text.contains('"thresholds"')
assert new File(capacity, 'junit-thresholds.xml').text.contains('failures="0"')
assert new File(capacity, 'summary.md').text.contains('### Thresholds: all 2 passed')
assert new File(capacity, 'report.html').isFile()
def compare = new File(basedir, 'target/pushbench/compare')
assert new File(compare, 'junit-thresholds.xml').text.contains('tests="1"')
def log = new File(basedir, 'build.log').text
assert log.contains('passed: websocket capacity>=4: capacity 4 connections')
assert log.contains('pushbench reference server stopped')
return true
