import type { DiscoveryBox } from '../montecarlo/analysis-result.js';
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
    const conditions = d.rules.length
      ? `<ul>${d.rules.map((r) => `<li>${h(r.text)} <span class="note"><code>${h(r.input)}</code></span></li>`).join('')}</ul>
<p class="note">${checkedAmong(d)}: coverage ${h(pct(d.coverage))} (of the ${h(which)} there, this share has all of the above); density ${h(pct(d.density))} (of the futures with all of the above, this share ${h(are)}, against ${h(pct(d.check?.baseRate ?? d.baseRate))} of all there${d.check ? `; the density’s 95% interval ${h(pct(d.check.densityCi95[0]))}–${h(pct(d.check.densityCi95[1]))}` : ''}); ${h(pct(d.support))} of the futures there have all of the above.</p>`
      : '';
    return `<h3>${h(d.label)}</h3>
<p>${h(d.sentence)}</p>
${conditions}`;
  }).join('\n');
  return `<section id="together">
<h2>What goes wrong together</h2>
<p class="note">Which combinations of what a future drew — the national productivity, cost and permit factors, each risk striking, the villages’ draws on average — mark the futures that miss a target (where every future misses it, or every one meets it: the quarter that reach least by its deadline): scenario discovery with PRIM over the run’s first ${h(int(result.drivers?.runs ?? 0))} simulated futures${weighted(result) || '.'} Each combination is found among half of them (the even-numbered) and counted among the other half, which played no part in finding it: a search over dozens of inputs always finds a slice of futures that looks denser in misses than it is, so only a combination that is denser again among other futures is reported (its conditions each make it denser there), with the figures it has there. A combination says where the misses concentrate, not what causes them; for the effect of changing an input on purpose, see <code>rollout sensitivity</code>.</p>
${items}
</section>`;
}

/** Which futures a box's figures are counted among: the checking half (effective, in a conditioned run). */
function checkedAmong(d: DiscoveryBox): string {
  if (!d.check) return 'Counted among all the futures';
  const n = d.check.effectiveRuns !== undefined ? `an effective ${int(Math.round(d.check.effectiveRuns))}` : int(d.check.futures);
  return `Counted among the odd-numbered futures (${h(n)}), which played no part in finding it`;
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
