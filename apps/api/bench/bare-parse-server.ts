import http from 'node:http';

/**
 * The baseline: a bare node:http server that reads each body, parses the JSON and answers with the
 * event count. No validation, no storage. Uplift's rate is printed beside this one.
 */
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: unknown[] };
    const payload = JSON.stringify({ accepted: body.events.length, rejected: [] });
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    response.end(payload);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env['PORT']), '127.0.0.1', () => process.stdout.write('listening\n'));
