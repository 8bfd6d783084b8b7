// ICO and ICNS writers in plain JS. Both formats are a small index in front of embedded PNG
// images, so no converter binary (ImageMagick, iconutil, png2icns) is needed to build them.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (PNG spec 11.2.2); throws on anything else. */
export function pngSize(png) {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString("latin1", 12, 16) !== "IHDR") {
    throw new Error("not a PNG image");
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Windows .ico: ICONDIR (6 bytes), one 16-byte ICONDIRENTRY per image, then the images. PNG
 * payloads are allowed since Windows Vista; a size of 256 is written as 0 in the one-byte fields.
 */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon (2 would be a cursor)
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const png of pngs) {
    const { width, height } = pngSize(png);
    if (width !== height || width > 256) throw new Error(`ICO images must be square and at most 256 px, got ${width}x${height}`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(width === 256 ? 0 : width, 0);
    entry.writeUInt8(height === 256 ? 0 : height, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel (RGBA)
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...pngs]);
}

/**
 * macOS .icns element types that hold PNG data, with their pixel size. The "@2x" types (ic11 to
 * ic14, ic10) are the Retina variants: ic11 is 16 pt at 2x, so 32 px, and so on.
 */
export const ICNS_TYPES = [
  { type: "icp4", size: 16 },
  { type: "icp5", size: 32 },
  { type: "icp6", size: 64 },
  { type: "ic07", size: 128 },
  { type: "ic08", size: 256 },
  { type: "ic09", size: 512 },
  { type: "ic10", size: 1024 },
  { type: "ic11", size: 32 },
  { type: "ic12", size: 64 },
  { type: "ic13", size: 256 },
  { type: "ic14", size: 512 },
];

/** macOS .icns: "icns" + total length, then per image its 4-char type, length (incl. 8-byte header) and data; big-endian. */
export function encodeIcns(images) {
  const parts = [];
  for (const { type, png } of images) {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`bad ICNS type "${type}"`);
    pngSize(png);
    const head = Buffer.alloc(8);
    head.write(type, 0, "latin1");
    head.writeUInt32BE(png.length + 8, 4);
    parts.push(head, png);
  }
  const header = Buffer.alloc(8);
  header.write("icns", 0, "latin1");
  header.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([header, ...parts]);
}
