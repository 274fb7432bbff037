// The key of a job: SHA-256 over everything a run's result depends on — the network and the
// profile data (by hash), the scenario as resolved (by hash, without its display text), the
// hour, the seed, the variant and the engine version. Equal keys mean equal results, so a key
// found in the store is not computed again (resume), a job re-sent after a worker died lands
// on the same row (never counted twice), and a new ENGINE_VERSION makes every key new.
import { canonicalJson, sha256 } from './canonical.ts';

export interface JobKeyParts {
  networkHash: string;
  dataHash: string;
  /** scenarioDigest() of the scenario with its variant applied */
  scenarioDigest: string;
  hour: number;
  seed: number;
  /** the variant's axis values, by axis name */
  variant: Record<string, unknown>;
  engineVersion: number;
}

/** Fields that do not change what a run computes (display text); left out of the digest. */
const DISPLAY_ONLY = new Set(['title', 'description', 'sources', 'tags']);

/** The hash of a scenario's content; `start` is left out too, the key has the hour. */
export function scenarioDigest(scenario: Record<string, unknown>): string {
  const content = Object.fromEntries(
    Object.entries(scenario).filter(([k]) => !DISPLAY_ONLY.has(k) && k !== 'start'),
  );
  return sha256(canonicalJson(content));
}

export function jobKey(p: JobKeyParts): string {
  return sha256(
    [
      'finest-sweep-job/1',
      p.networkHash,
      p.dataHash,
      p.scenarioDigest,
      `hour=${p.hour}`,
      `seed=${p.seed}`,
      `variant=${canonicalJson(p.variant)}`,
      `engine=${p.engineVersion}`,
    ].join('\n'),
  );
}
