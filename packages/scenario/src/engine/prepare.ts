// Loads what the engine needs before its first run: the HiGHS runtime (WebAssembly) behind the
// network-aware sharing and the operator's re-dispatch. Runs themselves stay synchronous.
import { loadHighs } from '@finest/powerflow';

export async function prepareEngine(): Promise<void> {
  await loadHighs();
}
