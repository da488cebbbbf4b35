// Stands in for Electron's process.parentPort in a plain Node child process (utility-entry test): messages from
// the parent arrive as { data }, postMessage goes back over the child_process IPC channel.
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
    return this;
  },
  postMessage(message) {
    process.send(message);
  },
};
