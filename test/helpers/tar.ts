/** Reads a ustar archive (as the evidence package is written) into its files, checking each header's checksum. */
export function readTar(buffer: Buffer): { name: string; content: Buffer }[] {
  const files: { name: string; content: Buffer }[] = [];
  let at = 0;
  while (at + 512 <= buffer.length) {
    const header = buffer.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('ascii')
        .replace(/\0.*$/s, '')
        .trim();
    const expected = parseInt(field(148, 8), 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
    if (sum !== expected) throw new Error(`bad tar header checksum at ${at}`);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12), 8);
    files.push({ name, content: buffer.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
