#!/usr/bin/env node
// Typst 0.14 for the benchmark, as the npm package
// @myriaddreamin/typst-ts-node-compiler 0.7.0 ships it (a compiled Typst
// in a Node add-on): compiles MAIN to the PDF OUT with the fonts in
// FONTDIR.  One process per compile, as `typst compile` would be.
//   node scripts/typst14.js MAIN OUT FONTDIR [--version]
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [main, out, fonts] = process.argv.slice(2);
if (!main || !out || !fonts) {
  console.error('usage: typst14.js MAIN OUT FONTDIR');
  process.exit(2);
}
const compiler = NodeCompiler.create({
  workspace: path.dirname(path.resolve(main)),
  fontArgs: [{ fontPaths: [path.resolve(fonts)] }],
});
let pdf;
try {
  pdf = compiler.pdf({ mainFilePath: path.resolve(main) });
} catch (e) {
  console.error('typst: ' + (e && e.message ? e.message : String(e)));
  process.exit(1);
}
fs.writeFileSync(out, pdf);
