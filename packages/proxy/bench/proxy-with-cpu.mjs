// zd-proxy's CLI, plus an answer to the benchmark's 'cpu' question over IPC.
process.on('message', (m) => m === 'cpu' && process.send?.(process.cpuUsage()));
await import('../dist/cli.js');
