// A small reader of .xlsx (zip) files: the central directory, stored and deflated entries. Inflation uses the
// platform's DecompressionStream("deflate-raw") (Edge/Chromium, Safari 16.4+, Node 20), so no zip library is bundled.

export type ZipEntries = Map<string, Uint8Array>;

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Every file of the archive, by path. Throws a Chinese message when the bytes are not a zip. */
export async function unzip(bytes: Uint8Array): Promise<ZipEntries> {
  let end = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 65535); o--) {
    if (u32(bytes, o) === 0x06054b50) {
      end = o;
      break;
    }
  }
  if (end < 0) throw new Error("文件不是有效的 .xlsx 工作簿（不是 zip 格式）。");
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const decoder = new TextDecoder();
  const entries: ZipEntries = new Map();
  for (let i = 0; i < count; i++) {
    if (u32(bytes, at) !== 0x02014b50) throw new Error("文件不是有效的 .xlsx 工作簿（目录已损坏）。");
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    const dataStart = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    if (name.endsWith("/")) continue;
    if (method === 0) entries.set(name, data);
    else if (method === 8) entries.set(name, await inflateRaw(data));
    else throw new Error(`文件中的“${name}”使用了不支持的压缩方式。`);
  }
  return entries;
}
