// Runs the local npm registry (verdaccio) in its own process: the test forks this file with
// the path of a config file, and gets back the port it listens on. The registry stops when the
// test disconnects or exits, even if the test itself is killed.
import { runServer } from 'verdaccio';

const configPath = process.argv[2];
if (!configPath || !process.send) {
  console.error('registry-server: fork me with the path of a verdaccio config file');
  process.exit(2);
}
process.on('disconnect', () => process.exit(0));

const server = await runServer(configPath);
server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.address().port });
});
