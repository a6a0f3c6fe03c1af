import type { RunResult } from '../montecarlo/result.js';
import { escapeHtml as h, int, pct } from './format.js';

/**
 * The report's "What goes wrong together" section: per target, the combination of drawn
 * inputs that marks the futures missing it (or, when most miss it, meeting it), as a
 * sentence with its coverage and density, then how it was found and what it does not say.
 * '' when the run kept no replications to analyse.
 */
export function discoverySection(result: RunResult): string {
  const found = result.drivers?.discovery;
  if (!found || found.length === 0) return '';
  const items = found.map((d) => {
    // The futures described, and what being one of them is.
    const which = d.outcome === 'lowest' ? 'futures that reach least by its deadline' : `futures that ${d.outcome === 'missed' ? 'miss' : 'meet'} it`;
    const are = d.outcome === 'lowest' ? 'are among the quarter that reach least' : d.outcome === 'missed' ? 'miss it' : 'meet it';
    // A conditioned run's counts are effective: the cases' share of the weight times the effective sample size.
    const cases = d.effectiveRuns !== undefined ? `effective ${int(d.cases)}` : int(d.cases);
    const conditions = d.rules.length
      ? `<ul>${d.rules.map((r) => `<li>${h(r.text)} <span class="note"><code>${h(r.input)}</code></span></li>`).join('')}</ul>
<p class="note">Coverage ${h(pct(d.coverage))} (of the ${h(cases)} ${h(which)}, this share has all of the above); density ${h(pct(d.density))} (of the futures with all of the above, this share ${h(are)}, against ${h(pct(d.baseRate))} of all); ${h(pct(d.support))} of all futures have all of the above.</p>`
      : '';
    return `<h3>${h(d.label)}</h3>
<p>${h(d.sentence)}</p>
${conditions}`;
  }).join('\n');
  return `<section id="together">
<h2>What goes wrong together</h2>
<p class="note">Which combinations of what a future drew — the national productivity, cost and permit factors, each risk striking, the villages’ draws on average — mark the futures that miss a target (where every future misses it, or every one meets it: the quarter that reach least by its deadline): scenario discovery with PRIM over the run’s first ${h(int(result.drivers?.runs ?? 0))} simulated futures${weighted(result) || '.'} A combination says where the misses concentrate, not what causes them; for the effect of changing an input on purpose, see <code>rollout sensitivity</code>.</p>
${items}
</section>`;
}

/**
 * How many of the futures that carry any weight a conditioned run's discovery leaves out: it
 * rounds the weights to thousandths of the heaviest (weightLevels), so a future less than
 * 1/2,000 as likely as the likeliest counts for nothing there, though it still carries weight
 * in every other figure. undefined when unweighted, or when the discovery saw only the
 * run's first futures (then the counts differ for that reason too).
 */
export function faintFutures(result: RunResult): { weighted: number; described: number } | undefined {
  const d = result.drivers, c = result.summary.conditioning;
  const first = d?.discovery?.[0];
  if (!d || d.effectiveRuns === undefined || !c || !first || d.runs !== result.summary.runs) return undefined;
  return { weighted: c.replicationsWeighted, described: first.runs };
}

/**
 * How a conditioned run's discovery counts its futures: each by its weight from the
 * observations, down to the effective sample size; '' in a run without observations. It
 * says which futures its sentences' “futures weighted by the observations” are: “What the
 * observations changed” counted 178 carrying weight beside these sentences' 165, unexplained.
 */
function weighted(result: RunResult): string {
  const ess = result.drivers?.effectiveRuns;
  if (ess === undefined) return '';
  const n = Math.round(ess);
  const faint = faintFutures(result);
  const which = faint && faint.described < faint.weighted
    ? ` Of the ${h(int(faint.weighted))} futures that carry any weight, the ${h(int(faint.described))} at least 1/2,000 as likely as the likeliest are the “futures weighted by the observations” below: the weights are rounded to thousandths of the heaviest, so that futures the observations hardly tell apart count alike, and the ${h(int(faint.weighted - faint.described))} fainter ones count for nothing here.`
    : '';
  return `, each counted by its weight from the observations (those they rule out count for nothing): an effective ${h(int(n))} future${n === 1 ? '' : 's'}, which the intervals rest on.${which}`;
}
