// Starts the Firestore emulator on 127.0.0.1:PORT (argv[2]) and prints "ready PORT" when it listens.
'use strict';
const { FirestoreServer } = require('@firestore-emulator/server');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node start.js PORT');
  process.exit(2);
}
const server = new FirestoreServer();
Promise.resolve(server.start(port)).then(() => {
  console.log(`ready ${port}`);
}, (e) => {
  console.error(`firestore emulator failed to start on port ${port}: ${e.message}`);
  process.exit(1);
});
process.on('SIGTERM', () => process.exit(0));
