// epub_render.js - an unpacked EPUB's content documents in Chromium
// (puppeteer-core with the system's chromium), measured from the page.
//
//   node epub_render.js SPEC.json
//
// SPEC: {"chromium": path, "docs": [absolute .xhtml paths], "widths": [360, 1200],
//        "height": 740, "shots": null | {"dir": d, "targets": [{"doc", "width", "hash", "name"}]}}
// Prints one JSON object: {"results": [{doc, width, ...figures}], "shots": [paths]}.
// The checks themselves (what is good enough) are the caller's: this only
// measures.  Used by tests/t_epub_render.py and by `make proof`.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

// Runs in the page: everything measured in CSS px.
function measure() {
  const out = {};
  const de = document.documentElement;
  out.viewport = de.clientWidth;
  out.scrollWidth = Math.max(de.scrollWidth, document.body ? document.body.scrollWidth : 0);
  // Elements whose box runs past the right edge (what overflow means to a reader).
  out.overflowing = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > de.clientWidth + 0.5)
      out.overflowing.push(el.tagName + (el.id ? '#' + el.id : '') + ' ' + Math.round(r.right));
  }
  // Text that runs out of its box (a long word in a big title) does not
  // widen the box: measure the text itself.
  {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode()) {
      if (!t.data.trim()) continue;
      const r = document.createRange();
      r.selectNodeContents(t);
      for (const q of r.getClientRects())
        if (q.width > 0 && q.right > de.clientWidth + 0.5)
          out.overflowing.push(JSON.stringify(t.data.slice(0, 20)) + ' ' + Math.round(q.right));
    }
  }
  const bodyPx = parseFloat(getComputedStyle(document.body).fontSize);
  out.bodyPx = bodyPx;

  // Footnote text: the smallest size of any text in a note (note numbers in sup excluded).
  out.noteMinPx = null;
  out.noteTexts = 0;
  const walker = (root, fn) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode()) fn(t);
  };
  for (const note of document.querySelectorAll('[role="doc-footnote"], [role="doc-endnote"]')) {
    walker(note, (t) => {
      if (!t.data.trim() || t.parentElement.closest('sup')) return;
      const px = parseFloat(getComputedStyle(t.parentElement).fontSize);
      out.noteTexts++;
      if (out.noteMinPx === null || px < out.noteMinPx) out.noteMinPx = px;
    });
  }

  // Paragraphs of running text that follow a paragraph: their first-line indent.
  const isMarker = (el) => el && el.getAttribute('role') === 'doc-pagebreak';
  out.indents = [];
  for (const p of document.querySelectorAll('section.article > p, section.article blockquote > p')) {
    let prev = p.previousElementSibling;
    let marker = false;
    while (isMarker(prev)) { marker = true; prev = prev.previousElementSibling; }
    if (!prev || prev.tagName.toLowerCase() !== 'p' || prev.className) continue;
    if (p.className) continue;
    // A print page that begins inside the paragraph counts too: the marker
    // must not cost the paragraph its indent either.
    if (p.querySelector('[role="doc-pagebreak"]')) marker = true;
    out.indents.push({px: parseFloat(getComputedStyle(p).textIndent), marker,
                      text: p.textContent.slice(0, 30)});
  }

  // An interview's questions: how they are set, and the answer after one.
  out.questions = [...document.querySelectorAll('p.question')].map((q) => {
    const next = q.nextElementSibling;
    const cs = getComputedStyle(q);
    return {px: parseFloat(cs.fontSize), weight: cs.fontWeight, family: cs.fontFamily,
            nextIndent: next && next.tagName.toLowerCase() === 'p' ?
              parseFloat(getComputedStyle(next).textIndent) : null};
  });

  // Superscripts: the block's height is whole lines of its own line-height,
  // so no line box was opened by a sup.
  out.sups = [];
  const blocks = new Set();
  for (const s of document.querySelectorAll('sup')) {
    const b = s.closest('p, li, td, th, h1, h2, h3, h4, h5, h6, figcaption, dd, dt');
    if (b) blocks.add(b);
  }
  for (const b of blocks) {
    const cs = getComputedStyle(b);
    const lh = parseFloat(cs.lineHeight);
    const tops = [];
    walker(b, (t) => {
      if (!t.data.trim() || t.parentElement.closest('sup')) return;
      const r = document.createRange();
      r.selectNodeContents(t);
      for (const q of r.getClientRects()) if (q.width > 0) tops.push(q.top + q.height / 2);
    });
    tops.sort((a, c) => a - c);
    let lines = 0, last = -1e9;
    for (const t of tops) if (t - last > lh / 2) { lines++; last = t; }
    const box = b.getBoundingClientRect();
    const h = box.height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) -
              parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
    out.sups.push({sups: b.querySelectorAll('sup').length, lineHeight: isNaN(lh) ? null : lh,
                   lines, height: h, text: b.textContent.slice(0, 30)});
  }
  // The article's type (its section's classes) and the colours of the
  // first element of each kind that may follow the accent.
  const sec = document.querySelector('section.article');
  out.articleClass = sec ? sec.className : null;
  out.colors = {};
  for (const [sel, prop] of [['h2', 'color'], ['p.rubric', 'color'],
                             ['aside.pullquote p', 'color'], ['aside.pullquote', 'borderTopColor'],
                             ['section.article a[href]', 'color']]) {
    const e = document.querySelector(sel);
    if (e) out.colors[sel] = getComputedStyle(e)[prop];
  }
  return out;
}

// The fonts Chromium actually drew each element's own text with (CDP
// CSS.getPlatformFontsForNode): {family, custom, glyphs, in: tag} per use.
async function platformFonts(page) {
  const cdp = await page.target().createCDPSession();
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const {root} = await cdp.send('DOM.getDocument', {depth: -1});
  const uses = [];
  const visit = async (n, inCode) => {
    const tag = (n.localName || '').toLowerCase();
    const code = inCode || tag === 'code' || tag === 'pre';
    if (n.nodeType === 1 && (n.children || []).some((c) => c.nodeType === 3 && c.nodeValue.trim())) {
      try {
        const {fonts} = await cdp.send('CSS.getPlatformFontsForNode', {nodeId: n.nodeId});
        for (const f of fonts)
          uses.push({family: f.familyName, custom: f.isCustomFont, glyphs: f.glyphCount, tag, code});
      } catch (e) { /* a node without layout (hidden): nothing drawn */ }
    }
    for (const c of n.children || []) await visit(c, code);
  };
  await visit(root, false);
  await cdp.detach();
  return uses;
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const browser = await puppeteer.launch({
    executablePath: spec.chromium,
    headless: true,
    args: ['--no-sandbox', '--allow-file-access-from-files', '--disable-gpu',
           '--font-render-hinting=none'],
  });
  const results = [];
  const shots = [];
  try {
    const page = await browser.newPage();
    for (const width of spec.widths) {
      await page.setViewport({width, height: spec.height || 740});
      for (const doc of spec.docs) {
        await page.goto('file://' + doc, {waitUntil: 'load'});
        await page.evaluate(() => document.fonts.ready);
        const r = await page.evaluate(measure);
        if (spec.fonts && width === spec.widths[spec.widths.length - 1])
          r.fonts = await platformFonts(page);
        // The @font-face faces, and whether this document made Chromium load them
        // (a face loads only when some text asks for it).
        r.faces = await page.evaluate(() => [...document.fonts].map(
            (f) => ({family: f.family.replace(/"/g, ''), weight: f.weight, style: f.style,
                     status: f.status})));
        r.doc = doc;
        r.width = width;
        results.push(r);
      }
    }
    if (spec.shots) {
      fs.mkdirSync(spec.shots.dir, {recursive: true});
      for (const t of spec.shots.targets) {
        await page.setViewport({width: t.width, height: t.height || spec.height || 740});
        await page.goto('file://' + t.doc, {waitUntil: 'load'});
        await page.evaluate(() => document.fonts.ready);
        if (t.selector) {
          await page.evaluate((sel) => {
            const el = document.querySelector(sel);
            if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120);
          }, t.selector);
        }
        if (t.highlight) {
          // Make the (empty, invisible) page markers visible in the picture.
          await page.addStyleTag({content: '[role="doc-pagebreak"]::after{content:"\\2193 " attr(aria-label);' +
            'font:bold 11px sans-serif;color:#fff;background:#c00;padding:0 3px;border-radius:3px}'});
        }
        const file = path.join(spec.shots.dir, t.name);
        await page.screenshot({path: file});
        shots.push(file);
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({results, shots}) + '\n');
}

main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });
