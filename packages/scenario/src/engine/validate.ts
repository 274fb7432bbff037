// Checks a scenario against the network it will run on: every element, bus, area and country
// it names must exist there. All problems are reported at once, each with its path.
import type { Network } from '@finest/grid';
import { ScenarioValidationError, type ScenarioIssue } from '../errors.ts';
import type { Scenario } from '../schema/scenario.ts';

export function validateAgainstNetwork(scenario: Scenario, net: Network): void {
  const ids = {
    branch: new Set(net.branches.map((b) => b.id)),
    hvdc: new Set(net.hvdcLinks.map((h) => h.id)),
    generator: new Set(net.generators.map((g) => g.id)),
    substation: new Set(net.buses.map((b) => b.id)),
  };
  const areas = new Set(net.buses.map((b) => b.area));
  const countries = new Set(net.buses.map((b) => b.country).filter((c) => c !== undefined));
  const issues: ScenarioIssue[] = [];
  const missing = (path: string, what: string, id: string): void => {
    issues.push({ path, message: `no ${what} "${id}" in network ${net.name}` });
  };
  scenario.events.forEach((e, k) => {
    const at = `events[${k}]`;
    switch (e.type) {
      case 'trip':
      case 'restore':
        if (!ids[e.element.kind].has(e.element.id))
          missing(`${at}.element.id`, e.element.kind, e.element.id);
        break;
      case 'derate':
      case 'redispatch':
        if (!ids.generator.has(e.generator)) missing(`${at}.generator`, 'generator', e.generator);
        break;
      case 'set-hvdc':
        if (!ids.hvdc.has(e.link)) missing(`${at}.link`, 'HVDC link', e.link);
        break;
      case 'activate-reserve':
        if (!ids.substation.has(e.bus)) missing(`${at}.bus`, 'bus', e.bus);
        break;
      case 'scale-demand':
        if (e.scope.area !== undefined && !areas.has(e.scope.area))
          missing(`${at}.scope.area`, 'area', e.scope.area);
        if (e.scope.country !== undefined && !countries.has(e.scope.country))
          missing(`${at}.scope.country`, 'country', e.scope.country);
        break;
    }
  });
  if (issues.length > 0) throw new ScenarioValidationError(scenario.id, issues);
}
