// The two numbers a load viewer needs from a binary frame (packages/protocol/src/frame-codec.ts
// layout): its tick and its time. Read in place from the header; the arrays are never decoded,
// so 200 viewers at 30 frames/s cost the client almost nothing.
//
//   offset 0  u32 magic   4  u32 flags   8  u32 tick   12  u32 id length   16  id (padded to 4)
//   then      f64 t (s)
const MAGIC = 0x46454631;

/** tick and t of a frame; undefined when the message is not a frame */
export function frameTickAndTime(b: Buffer): { tick: number; t: number } | undefined {
  if (b.length < 16 || b.readUInt32LE(0) !== MAGIC) return undefined;
  const at = 16 + Math.ceil(b.readUInt32LE(12) / 4) * 4;
  if (b.length < at + 8) return undefined;
  return { tick: b.readUInt32LE(8), t: b.readDoubleLE(at) };
}
