/**
 * npm run demo: the release model end to end on this machine, with the real bundles.
 *
 * Starts Debian's docker-registry and the GitHub API stand-in on 127.0.0.1, then runs the composite
 * actions step by step (as the runner does) through a develop build, two staging builds, a
 * promotion, a re-run, a refused promotion, a second release and a rollback, printing after each
 * step the tag that Flux's policy picks in every environment.
 */
import { RegistryClient } from '../packages/registry/index.js';
import { selectLatest } from '../packages/tagging/flux.js';
import { FLUX_EXTRACT, fluxPattern } from '../packages/tagging/tags.js';
import { startGitHubStandIn, type StandIn } from '../test/support/github-standin.js';
import { pushOciIndex } from '../test/support/images.js';
import { startRegistry, type TestRegistry } from '../test/support/registry.js';
import { repoRoot } from '../test/support/run-bundle.js';
import { runComposite, type CompositeResult } from '../test/support/run-composite.js';

const OWNER = 'acme';
const REPO = 'backend';
const TOKEN = 'ghs_demo_token_never_printed';
const ENVIRONMENTS = ['develop', 'staging', 'production'];

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
let stepNo = 0;
const step = (title: string) => console.log(`\n${bold(`${++stepNo}. ${title}`)}`);
const say = (line: string) => console.log(`   ${line}`);
const short = (digest: string) => digest.slice(0, 19) + '…';

async function main(): Promise<void> {
  let registry: TestRegistry | undefined;
  let gh: StandIn | undefined;
  try {
    registry = await startRegistry({ kind: 'none' });
    gh = await startGitHubStandIn({ owner: OWNER, repo: REPO, token: TOKEN });
    const image = `${registry.host}/${OWNER}/${REPO}`;
    const client = new RegistryClient(registry.host);
    console.log(bold('gitops-promote demo'));
    say(`registry (CNCF distribution) at ${registry.url}, image ${image}`);
    say(
      `GitHub API stand-in at ${gh.url} for ${OWNER}/${REPO} (every call checked against GitHub's OpenAPI description)`,
    );
    say(dim('composite actions run step by step with the real dist/ bundles, as the runner runs them'));

    const github = (ref: string, sha: string) => ({
      ref,
      sha,
      repository: `${OWNER}/${REPO}`,
      token: TOKEN,
      event_name: ref.startsWith('refs/heads/') ? 'push' : 'workflow_dispatch',
      api_url: gh!.url,
      server_url: 'https://github.example',
      run_id: String(1000 + stepNo),
    });

    const fluxPicks = async () => {
      const tags = await client.listTags(`${OWNER}/${REPO}`);
      for (const env of ENVIRONMENTS) {
        const pick = selectLatest(tags, { pattern: fluxPattern(env), extract: FLUX_EXTRACT, policy: 'numerical' });
        if (!pick.ok) {
          say(dim(`Flux ${env.padEnd(10)} -> (${pick.error})`));
          continue;
        }
        const head = await client.headManifest(`${OWNER}/${REPO}`, pick.tag);
        say(`Flux ${env.padEnd(10)} -> ${pick.tag}  ${dim(short(head?.digest ?? '?'))}`);
      }
    };

    const build = async (branch: string, message: string) => {
      const sha = gh!.addCommit(undefined, { message });
      // docker/build-push-action with push-by-digest: a two-platform index with provenance attestations
      const pushed = await pushOciIndex({ url: registry!.url }, `${OWNER}/${REPO}`, '', {
        labels: { 'org.opencontainers.image.revision': sha },
        seed: `${branch}-${sha}`,
      });
      const r = await runComposite(`${repoRoot}/action-tag`, {
        inputs: { images: image, digest: pushed.digest },
        github: github(`refs/heads/${branch}`, sha),
      });
      check(r, 'action-tag');
      say(`commit ${sha.slice(0, 7)} "${message}", pushed by digest ${short(pushed.digest)}`);
      say(`action-tag: version ${r.outputs.version}, tags:`);
      for (const ref of r.outputs.tags.split('\n')) say(`  ${ref}`);
      return { sha, digest: pushed.digest, tag: r.outputs.tag };
    };

    const promote = async (inputs: Record<string, string>, expectFailure = false) => {
      const r = await runComposite(`${repoRoot}/action-promote`, {
        inputs: { image, ...inputs },
        github: github('refs/heads/main', '0'.repeat(40)),
      });
      if (expectFailure) {
        if (r.code === 0) throw new Error('the promotion was expected to be refused, and was not');
        for (const e of r.errors) say(`refused: ${e}`);
        return r;
      }
      check(r, 'action-promote');
      for (const line of r.stdout.split('\n').filter((l) => /^(plan|retag|release|bump|  )/.test(l))) say(dim(line));
      say(`production tag ${r.outputs['target-tag']}`);
      say(`digest ${short(r.outputs.digest)}, version ${r.outputs.version}, release ${r.outputs['release-url']}`);
      say(`next version ${r.outputs['next-version'] || '(none: nothing bumped)'}`);
      return r;
    };

    step('push to develop');
    await build('develop', 'feat: login page');
    await fluxPicks();

    step('push to main (first staging build)');
    const s1 = await build('main', 'feat: login page');
    await fluxPicks();

    step('push to main again (second staging build)');
    const s2 = await build('main', 'fix: session timeout');
    await fluxPicks();

    step('promote the latest staging image to production (workflow_dispatch, source: latest)');
    const p1 = await promote({ source: 'latest' });
    say(`same digest as ${s2.tag}: ${p1.outputs.digest === s2.digest ? 'yes' : 'NO'}`);
    await fluxPicks();

    step('re-run the same promotion (a re-run is safe: nothing changes)');
    const before = gh.snapshot();
    const p1again = await promote({ source: 'latest' });
    say(
      `same production tag: ${p1again.outputs['target-tag'] === p1.outputs['target-tag'] ? 'yes' : 'NO'}; GitHub state unchanged: ${gh.snapshot() === before ? 'yes' : 'NO'}`,
    );

    step(`promote the older staging build ${s1.tag} (its version was already released from another commit)`);
    await promote({ source: s1.tag }, true);

    step('push to main (the next version) and promote it');
    const s3 = await build('main', 'feat: audit log');
    await promote({ source: 'latest' });
    await fluxPicks();

    step(`roll back: promote the earlier production tag ${p1.outputs['target-tag']} again`);
    const rb = await promote({ source: p1.outputs['target-tag'] });
    say(
      `production now runs the digest of ${s2.tag}: ${rb.outputs.digest === s2.digest ? 'yes' : 'NO'} (not ${short(s3.digest)})`,
    );
    await fluxPicks();

    console.log(
      `\n${bold('done')}: ${gh.state.releases.length} releases, ${[...gh.state.refs.keys()].filter((r) => r.startsWith('refs/tags/')).join(', ')}`,
    );
    if (gh.violations.length)
      throw new Error(`the stand-in saw ${gh.violations.length} calls that break GitHub's API description`);
  } finally {
    await gh?.close();
    await registry?.stop();
  }
}

function check(r: CompositeResult, what: string): void {
  if (r.code !== 0) {
    throw new Error(`${what} failed (exit ${r.code}):\n${r.errors.join('\n') || r.stderr || r.stdout}`);
  }
}

main().catch((err) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
