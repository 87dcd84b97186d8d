import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { javaCandidates, noJavaMessage, parseJavaMajor } from '../src/backend/javaDiscovery';
import { findJava } from '../src/backend/javaRuntime';

test('the setting comes first, then JAVA_HOME, then PATH', () => {
  const candidates = javaCandidates('/opt/jdk', { JAVA_HOME: '/usr/lib/jvm/x' }, 'linux');
  assert.deepEqual(candidates.map((c) => c.executable), ['/opt/jdk/bin/java', '/usr/lib/jvm/x/bin/java', 'java']);
  assert.deepEqual(javaCandidates('', {}, 'win32').map((c) => c.executable), ['java.exe']);
});

test('versions are read in every style java -version prints', () => {
  assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15'), 17);
  assert.equal(parseJavaMajor('java version "1.8.0_392"'), 8);
  assert.equal(parseJavaMajor('openjdk version "21-ea" 2023-09-19'), 21);
  assert.equal(parseJavaMajor('garbage'), undefined);
});

test('the message says what was tried and what to do', () => {
  const message = noJavaMessage([{ candidate: { source: 'PATH', executable: 'java' }, problem: 'Java 11 is too old' }]);
  assert.match(message, /Java 17 or newer/);
  assert.match(message, /PATH \(java\): Java 11 is too old/);
  assert.match(message, /productos\.java\.home/);
});

test('a missing runtime is skipped and the real one on this machine is found', async () => {
  const found = await findJava([{ source: 'setting productos.java.home', executable: '/nonexistent/bin/java' }, { source: 'PATH', executable: 'java' }]);
  assert.equal(found.source, 'PATH');
  assert.ok(found.major >= 17);
  await assert.rejects(findJava([{ source: 'JAVA_HOME', executable: '/nonexistent/bin/java' }]), /JAVA_HOME \(\/nonexistent\/bin\/java\): not found/);
});
