import { errorMessage, InputError, RefusedError } from '../common/errors.js';
import { silentLogger } from '../common/logger.js';
import { parseImageRef } from '../tagging/image.js';
import {
  fluxPick,
  describePlan,
  planPromotion,
  readsOf,
  sourceImageOf,
  targetImageOf,
  type PromotionPlan,
  type PromotionRequest,
  type PromotionServices,
} from './plan.js';
import { historyMermaid } from './mermaid.js';
import { executePromotion, tagsAfter, type ExecuteOptions, type PromotionOutcome, type StepRecord } from './promote.js';

/**
 * The account of one promotion, whatever its end (issue 8 "Always an account"): what was done,
 * what each environment's Flux policy picks, and the one thing to do next. The action's job summary
 * and the CLI's output are both drawn from it, so they cannot disagree.
 */
export interface PromotionAccount {
  result: 'promoted' | 'unchanged' | 'dry-run' | 'refused' | 'failed' | 'superseded';
  /** a one-line headline */
  title: string;
  plan?: PromotionPlan;
  outcome?: PromotionOutcome;
  steps: StepRecord[];
  /** per environment: what Flux's policy picked before the run and what it picks now (what it deploys next) */
  environments: { environment: string; before?: string; now?: string; error?: string; image?: string }[];
  /** the one thing to do next */
  next: string;
  error?: { kind: 'input' | 'refused' | 'fault'; message: string };
  /** anything was written to the registry or GitHub */
  changed: boolean;
}

const STEPS: StepRecord['step'][] = [
  'plan',
  'pre-flight',
  'release tag',
  'alias',
  'immutable tag',
  'release',
  'next version',
];

export interface RunOptions extends ExecuteOptions {
  dryRun?: boolean;
}

/** Plan and (unless a dry run) execute, never throwing for a refusal or a fault: the account says what happened. */
export async function runPromotion(
  req: PromotionRequest,
  services: PromotionServices,
  opts: RunOptions = {},
): Promise<PromotionAccount> {
  const logger = services.logger ?? silentLogger;
  const steps: StepRecord[] = [];
  const onStep = (s: StepRecord) => {
    steps.push(s);
    opts.onStep?.(s);
  };
  let plan: PromotionPlan | undefined;
  let outcome: PromotionOutcome | undefined;
  let failure: unknown;
  try {
    plan = await planPromotion(req, services);
    const into = targetImageOf(plan) === plan.image ? '' : `${targetImageOf(plan)}:`;
    onStep({
      step: 'plan',
      state: 'done',
      detail: `${sourceImageOf(plan)}:${plan.sourceTag} → ${into}${plan.targetTag}`,
    });
    if (!opts.dryRun) outcome = await executePromotion(plan, services, { ...opts, onStep });
  } catch (err) {
    failure = err;
  }

  let writes = steps.some((s) => s.state === 'done' && s.step !== 'plan' && s.step !== 'pre-flight');
  // A release tag the plan saw absent and this run found in place was most likely its own write
  // whose answer was lost (a retried create-ref answered "already exists").
  if (plan?.releaseState === 'new' && steps.some((s) => s.step === 'release tag' && s.state === 'unchanged'))
    writes = true;
  const error = failure === undefined ? undefined : classify(failure);
  // set when a write step failed with a fault: its write may have landed with the answer lost
  let unsure: StepRecord['step'] | undefined;
  if (error) {
    const at = STEPS.find((name) => !steps.some((s) => s.step === name))!;
    steps.push({ step: at, state: error.kind === 'fault' ? 'failed' : 'refused', detail: error.message });
    // A write that failed with a fault may have landed all the same: GitHub or the registry wrote it
    // and the answer was lost. The account then never says "nothing was changed".
    if (error.kind === 'fault' && at !== 'plan' && at !== 'pre-flight' && !writes) {
      unsure = at;
      writes = true;
    }
  }
  for (const name of STEPS) {
    if (steps.some((s) => s.step === name)) continue;
    steps.push({
      step: name,
      state: opts.dryRun && !error ? 'would do' : 'not run',
      detail: opts.dryRun && plan ? dryRunDetail(plan, name) : '',
    });
  }
  steps.sort((a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step));

  // The last list read serves when nothing was written after it: the promotion's after-write check,
  // or a dry run's plan. Anything else (a refusal, a failure half-way) reads the registry again.
  const known = outcome ? tagsAfter(outcome) : opts.dryRun && !error && plan ? readsOf(plan)?.tags : undefined;
  const environments = await environmentsNow(services, plan, known).catch((err: unknown) => {
    logger.debug(`reading what Flux picks now: ${errorMessage(err)}`);
    return [{ environment: plan?.toEnvironment ?? req.toEnvironment ?? 'production', error: errorMessage(err) }];
  });

  const account: PromotionAccount = {
    result: 'failed',
    title: '',
    ...(plan ? { plan } : {}),
    ...(outcome ? { outcome } : {}),
    steps,
    environments,
    next: '',
    ...(error ? { error } : {}),
    changed: writes,
  };
  const version = plan ? `v${plan.version}` : req.version ? `v${req.version.trim().replace(/^v/, '')}` : req.image;
  const to = plan?.toEnvironment ?? req.toEnvironment ?? 'production';
  if (error) {
    account.result = error.kind === 'fault' ? 'failed' : 'refused';
    account.title =
      error.kind === 'fault'
        ? `Promotion of ${version} to ${to} did not finish`
        : `Promotion of ${version} to ${to} refused`;
    account.next = !writes
      ? error.kind === 'fault'
        ? 'Nothing was changed. Re-run the promotion once the fault above is gone.'
        : 'Nothing was changed. Do what the refusal above says, then run the promotion again.'
      : error.kind === 'fault'
        ? (unsure ? `The ${unsure} step failed with its answer lost, so its write may have landed. ` : '') +
          'Re-run the promotion: every step is idempotent, and the re-run finishes what this run began, with no duplicate tag or release.'
        : 'Do what the refusal above says, then re-run the promotion: it finishes what this run began, with no duplicate tag or release.';
  } else if (opts.dryRun) {
    account.result = 'dry-run';
    account.title = `Dry run: promotion of ${version} to ${to} (nothing changed)`;
    account.next = 'Run it again without dry-run to promote.';
  } else if (outcome?.superseded) {
    account.result = 'superseded';
    account.title = `Promoted ${version} to ${to}, but a concurrent promotion is newer`;
    account.next = `Flux deploys ${outcome.superseded.by}. ${outcome.superseded.reason}.`;
  } else {
    account.result = writes ? 'promoted' : 'unchanged';
    account.title = writes ? `Promoted ${version} to ${to}` : `${version} was promoted to ${to} already: nothing to do`;
    account.next = `Nothing: Flux's ${to} policy picks ${outcome?.targetTag ?? plan?.targetTag} and deploys it on its next scan.`;
  }
  return account;
}

function classify(err: unknown): NonNullable<PromotionAccount['error']> {
  if (err instanceof InputError) return { kind: 'input', message: err.message };
  if (err instanceof RefusedError) return { kind: 'refused', message: err.message };
  return { kind: 'fault', message: errorMessage(err) };
}

function dryRunDetail(plan: PromotionPlan, step: StepRecord['step']): string {
  const lines = describePlan(plan);
  const find = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.replace(/^Step \d: /, '') ?? '';
  switch (step) {
    case 'pre-flight':
      return `prove push rights on ${targetImageOf(plan)} and that ${plan.aliasTag} can move`;
    case 'release tag':
      return plan.releaseState === 'new'
        ? `create ${plan.releaseTag} at ${plan.commit}`
        : `${plan.releaseTag} is at ${plan.commit}`;
    case 'alias':
      return `move ${plan.aliasTag} to ${plan.digest}`;
    case 'immutable tag':
      return plan.targetState === 'new' ? `create ${plan.targetTag}` : `${plan.targetTag} exists (kept)`;
    case 'release':
      return find('Step 3');
    case 'next version':
      return find('Step 4');
    default:
      return '';
  }
}

async function environmentsNow(
  services: PromotionServices,
  plan: PromotionPlan | undefined,
  /** the list read after the promotion's last write (nothing was written since); undefined: read it */
  known?: string[],
): Promise<PromotionAccount['environments']> {
  if (!plan) return [];
  const list = async (image: string) => {
    const ref = parseImageRef(image, 'image');
    return (await services.clients(ref.registry)).listTags(ref.repository);
  };
  const target = targetImageOf(plan);
  // The target's tags as last read; the source's are read again only when they are elsewhere.
  const toTags = known ?? (await list(target));
  const fromTags = target === plan.image ? toTags : await list(plan.image);
  const own = [
    { env: plan.fromEnvironment, before: plan.fluxPicksNow.from, tags: fromTags },
    { env: plan.toEnvironment, before: plan.fluxPicksNow.to, tags: toTags },
  ].map(({ env, before, tags }) => {
    const pick = fluxPick(tags, env);
    return {
      environment: env,
      ...(before ? { before } : {}),
      ...(pick.ok ? { now: pick.tag } : { error: pick.error }),
    };
  });
  // A train's other images: what the target environment picks in each.
  const others = await Promise.all(
    (plan.train ?? []).map(async (m) => {
      const image = targetImageOf(m);
      const pick = fluxPick(await list(image), m.toEnvironment);
      return {
        environment: m.toEnvironment,
        image,
        ...(m.fluxPicksNow.to ? { before: m.fluxPicksNow.to } : {}),
        ...(pick.ok ? { now: pick.tag } : { error: pick.error }),
      };
    }),
  );
  return [...own, ...others];
}

/** The account as text lines, for the CLI and the action's log. */
export function accountLines(a: PromotionAccount, opts: { withError?: boolean } = {}): string[] {
  const lines = [a.title];
  if (a.error && opts.withError !== false)
    lines.push(`${a.error.kind === 'fault' ? 'Error' : 'Refused'}: ${a.error.message}`);
  for (const s of a.steps) lines.push(`  ${s.step.padEnd(13)} ${s.state.padEnd(9)} ${s.detail}`.trimEnd());
  for (const e of a.environments) {
    lines.push(
      `  Flux ${e.environment}${e.image ? ` (${e.image})` : ''}: ${e.now ?? `(nothing${e.error ? `: ${e.error}` : ''})`}` +
        (e.before !== undefined && e.before !== e.now ? ` (was ${e.before})` : ''),
    );
  }
  lines.push(`Next: ${a.next}`);
  return lines;
}

/** The account as a job summary. */
export function accountMarkdown(a: PromotionAccount): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  const out = [`### ${a.title}`, ''];
  if (a.error) out.push(`> **${a.error.kind === 'fault' ? 'Error' : 'Refused'}:** ${cell(a.error.message)}`, '');
  if (a.plan) {
    const p = a.plan;
    out.push(
      `Image \`${targetImageOf(p)}\`${sourceImageOf(p) !== targetImageOf(p) ? ` (copied from \`${sourceImageOf(p)}\`)` : ''}: \`${p.sourceTag}\` → \`${a.outcome?.targetTag ?? p.targetTag}\`, digest \`${p.digest}\`, commit \`${p.commit}\`, version \`${p.version}\`.`,
      '',
    );
    for (const [i, m] of (p.train ?? []).entries()) {
      const written = a.outcome?.train?.[i]?.targetTag ?? m.targetTag;
      out.push(
        `Image \`${targetImageOf(m)}\`${sourceImageOf(m) !== targetImageOf(m) ? ` (copied from \`${sourceImageOf(m)}\`)` : ''}: \`${m.sourceTag}\` → \`${written}\`, digest \`${m.digest}\` (the same release train).`,
        '',
      );
    }
  }
  const delivered = a.plan && a.outcome && a.result === 'promoted' ? a.plan : undefined;
  if (delivered) {
    // The path of this delivery, drawn (GitHub renders Mermaid in job summaries).
    const targetTag = a.outcome!.targetTag;
    out.push(
      '```mermaid',
      historyMermaid([
        {
          kind: delivered.rollback ? 'rollback' : 'promotion',
          at: new Date().toISOString(),
          sourceTag: delivered.sourceTag,
          targetTag,
          digest: delivered.digest,
          environment: delivered.toEnvironment,
          version: delivered.version,
          release: { tag: delivered.releaseTag, url: a.outcome!.release.url },
          recorded: true,
        },
      ]),
      '```',
      '',
    );
  }
  out.push('| step | state | detail |', '|---|---|---|');
  for (const s of a.steps) out.push(`| ${s.step} | ${s.state} | ${cell(s.detail)} |`);
  if (a.environments.length) {
    out.push('', '| environment | Flux picked before | Flux picks now |', '|---|---|---|');
    for (const e of a.environments)
      out.push(
        `| ${e.environment} | ${e.before ? `\`${e.before}\`` : ''} | ${e.now ? `\`${e.now}\`` : cell(e.error ?? '')} |`,
      );
  }
  out.push('', `**Next:** ${cell(a.next)}`, '');
  return out.join('\n');
}
