// FrameDecodeError as logs show it: the fuzz tests (frame-codec.fuzz.test.ts) found it named
// plain "Error", so String(err) and a log line did not say which error it was.
import { describe, expect, it } from 'vitest';
import { decodeFrame, FrameDecodeError } from './frame-codec.ts';
import { splitFrames } from './frame-pack.ts';

describe('FrameDecodeError', () => {
  it('is named, with its code, for a frame and for a pack', () => {
    const refusals = [() => decodeFrame(new Uint8Array(0)), () => splitFrames(Uint8Array.of(9))];
    for (const refuse of refusals) {
      try {
        refuse();
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(FrameDecodeError);
        expect(String(err)).toMatch(/^FrameDecodeError: frames?: truncated/);
        expect((err as FrameDecodeError).code).toBe('FINEST_FRAME_DECODE');
      }
    }
  });
});
