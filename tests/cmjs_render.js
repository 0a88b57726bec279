// Renders NUL-separated markdown documents from stdin with commonmark.js,
// the reference implementation, writing NUL-separated HTML to stdout.
'use strict';
const commonmark = require('commonmark');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const docs = Buffer.concat(chunks).toString('utf8').split('\0');
  const reader = new commonmark.Parser();
  const writer = new commonmark.HtmlRenderer();
  const out = docs.map((d) => writer.render(reader.parse(d)));
  process.stdout.write(out.join('\0'));
});
