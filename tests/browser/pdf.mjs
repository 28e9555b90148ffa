// The text of each page of a PDF that Chromium printed (page.pdf), for the print tests: just
// enough of PDF to read Skia's output — plain objects, Flate-compressed content streams, and
// fonts (Type0, and Type3 for synthetic bold) whose ToUnicode CMaps map the codes to text.
import { inflateSync } from 'node:zlib';

/** The objects of `pdf` (a Buffer): number -> { dict, stream (Buffer or null) }. */
function objects(pdf) {
  const text = pdf.toString('latin1');
  const out = new Map();
  const re = /(\d+) 0 obj\b/g;
  let m;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let dict = body;
    let stream = null;
    if (s >= 0 && /^\s*<</.test(body)) {
      dict = body.slice(0, s);
      let from = start + s + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const lengthMatch = dict.match(/\/Length (\d+)(?! \d+ R)/);
      const to = lengthMatch ? from + Number(lengthMatch[1]) : start + body.lastIndexOf('endstream');
      let bytes = pdf.subarray(from, to);
      if (/\/FlateDecode/.test(dict)) bytes = inflateSync(bytes);
      stream = bytes;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

/** The ToUnicode map of a CMap stream: code (hex) -> text. */
function cmap(stream) {
  const map = new Map();
  const text = stream.toString('latin1');
  const utf16 = (hex) => {
    const units = [];
    for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code.toUpperCase(), utf16(uni));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, a, b, rest] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(a, 16);
      const hi = parseInt(b, 16);
      const width = a.length;
      if (rest.startsWith('[')) {
        const list = [...rest.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => utf16(x[1]));
        for (let c = lo; c <= hi; c++) map.set(c.toString(16).toUpperCase().padStart(width, '0'), list[c - lo] ?? '');
      } else {
        const base = rest.slice(1, -1);
        const first = parseInt(base.slice(-4), 16);
        for (let c = lo; c <= hi; c++) {
          map.set(c.toString(16).toUpperCase().padStart(width, '0'), utf16(base.slice(0, -4) + (first + c - lo).toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return map;
}

/** The dictionary text of `ref` ("12 0 R") or of an inline dictionary. */
const resolve = (objs, v) => {
  const r = v && v.match(/^\s*(\d+) 0 R/);
  return r ? objs.get(Number(r[1]))?.dict ?? '' : v ?? '';
};

/** The inline dictionary after `/Key` in `dict` (balanced << >>), or its reference. */
function entry(dict, key) {
  const at = dict.indexOf(`/${key}`);
  if (at < 0) return null;
  let i = at + key.length + 1;
  while (dict[i] === ' ' || dict[i] === '\n' || dict[i] === '\r') i++;
  if (dict.startsWith('<<', i)) {
    let depth = 0;
    for (let j = i; j < dict.length - 1; j++) {
      if (dict.startsWith('<<', j)) { depth++; j++; } else if (dict.startsWith('>>', j)) { depth--; j++; if (depth === 0) return dict.slice(i, j + 1); }
    }
    return null;
  }
  const m = dict.slice(i).match(/^(\d+ 0 R|\[[^\]]*\]|\/?[^\s/>]+)/);
  return m ? m[1] : null;
}

/** The text of each page of `pdf` (a Buffer), in page order. */
export function pageTexts(pdf) {
  const objs = objects(pdf);
  const maps = new Map();
  const fontMap = (ref) => {
    const n = Number(ref.match(/(\d+) 0 R/)?.[1]);
    if (!maps.has(n)) {
      const font = objs.get(n)?.dict ?? '';
      const tu = entry(font, 'ToUnicode');
      const stream = tu ? objs.get(Number(tu.match(/(\d+)/)[1]))?.stream : null;
      const map = stream ? cmap(stream) : new Map();
      // Type0 fonts (Identity-H) show two-byte codes; Type3 ones (Chromium's synthetic bold) one
      map.width = /\/Subtype\s*\/Type0/.test(font) ? 4 : 2;
      maps.set(n, map);
    }
    return maps.get(n);
  };
  // the page tree, in order
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const pages = [];
  const walk = (dict) => {
    if (/\/Type\s*\/Pages/.test(dict)) {
      for (const [, n] of (entry(dict, 'Kids') || '').matchAll(/(\d+) 0 R/g)) walk(objs.get(Number(n)).dict);
    } else pages.push(dict);
  };
  walk(resolve(objs, entry(catalog.dict, 'Pages')));
  return pages.map((page) => {
    const resources = resolve(objs, entry(page, 'Resources'));
    const fonts = new Map();
    const fontDict = resolve(objs, entry(resources, 'Font'));
    for (const [, name, ref] of fontDict.matchAll(/\/([^\s/<>\[\]]+)\s+(\d+ 0 R)/g)) fonts.set(name, ref);
    const contents = entry(page, 'Contents') || '';
    let text = '';
    for (const [, n] of contents.matchAll(/(\d+) 0 R/g)) {
      const stream = objs.get(Number(n))?.stream;
      if (!stream) continue;
      const ops = stream.toString('latin1');
      let map = new Map();
      const tokens = ops.matchAll(/\/([^\s/<>\[\]()]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\b(Tj|TJ|ET)\b/g);
      for (const t of tokens) {
        if (t[1] !== undefined) { map = fonts.has(t[1]) ? fontMap(fonts.get(t[1])) : new Map(); continue; }
        if (t[2] !== undefined) {
          const hex = t[2].toUpperCase();
          const w = map.width || 4;
          for (let i = 0; i + w <= hex.length; i += w) text += map.get(hex.slice(i, i + w)) ?? '';
          continue;
        }
        if (t[3] === 'ET') text += '\n';
      }
    }
    return text;
  });
}
