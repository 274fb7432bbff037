import { describe, expect, it } from 'vitest';
import { ClientMessageSchema } from './messages.ts';
import { StartRunSchema } from './start-run.ts';

const scenario = { schemaVersion: 1, id: 'b', title: 'B', start: { hour: 0 }, durationS: 60 };

describe('what starts a run, over REST and the WebSocket', () => {
  const bodies: [string, Record<string, unknown>, boolean][] = [
    ['a stored scenario', { scenarioId: 'a' }, true],
    ['an inline scenario', { scenario }, true],
    ['neither', {}, false],
    ['both', { scenarioId: 'a', scenario }, false],
    ['neither, with a seed', { seed: 3 }, false],
    ['an empty id', { scenarioId: '' }, false],
  ];

  it.each(bodies)('%s: REST and WebSocket give the same verdict and words', (_, body, ok) => {
    const rest = StartRunSchema.safeParse(body);
    const ws = ClientMessageSchema.safeParse({ type: 'start', ...body });
    expect(rest.success).toBe(ok);
    expect(ws.success).toBe(ok);
    expect(ws.error?.issues.map((i) => i.message)).toEqual(
      rest.error?.issues.map((i) => i.message),
    );
  });

  it('says what is wrong when neither or both are given', () => {
    expect(StartRunSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'give exactly one of scenarioId or scenario',
    );
  });

  it('takes the WebSocket-only autoplay field on the WebSocket only, and names any unknown field', () => {
    const ws = ClientMessageSchema.parse({ type: 'start', scenarioId: 'a', autoplay: false });
    expect(ws).toEqual({ type: 'start', scenarioId: 'a', autoplay: false });
    const rest = StartRunSchema.safeParse({ scenarioId: 'a', autoplay: false });
    expect(rest.success).toBe(false);
    expect(rest.error?.issues[0]?.message).toBe('Unrecognized key: "autoplay"');
    // a misspelt field is refused, not dropped (which would run with the scenario's own seed)
    const typo = ClientMessageSchema.safeParse({ type: 'start', scenarioId: 'a', sead: 7 });
    expect(typo.error?.issues[0]?.message).toBe('Unrecognized key: "sead"');
  });
});
