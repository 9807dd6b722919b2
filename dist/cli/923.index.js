export const id = 923;
export const ids = [923,631,895];
export const modules = {

/***/ 6923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   auditCommand: () => (/* binding */ auditCommand),
/* harmony export */   historyCommand: () => (/* binding */ historyCommand)
/* harmony export */ });
/* harmony import */ var _promote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7631);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6339);


/** The service repository from --repository or GITHUB_REPOSITORY, named as the user gave it. */
async function repositoryOf(values, io) {
    const value = values.repository ?? io.env.GITHUB_REPOSITORY;
    if (!value)
        return undefined;
    const { parseRepository } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(217)]).then(__webpack_require__.bind(__webpack_require__, 6217));
    return parseRepository(value, values.repository !== undefined ? '--repository' : 'GITHUB_REPOSITORY');
}
/** gitops-promote history: every delivery of the image, oldest first, from the releases and the registry. */
async function historyCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .parseFlags */ .bQ)(argv, {
        ..._promote_js__WEBPACK_IMPORTED_MODULE_0__.COMMON_FLAGS,
        env: { type: 'string', accepted: _promote_js__WEBPACK_IMPORTED_MODULE_0__.ENVIRONMENT },
        mermaid: { type: 'boolean' },
    });
    const repositoryGiven = Boolean(values.repository ?? io.env.GITHUB_REPOSITORY);
    (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .requireAll */ .rs)([
        { name: '--image', given: values.image !== undefined, accepted: _promote_js__WEBPACK_IMPORTED_MODULE_0__.IMAGE },
        {
            name: '--repository',
            given: repositoryGiven,
            accepted: 'owner/name of the service repository, or set GITHUB_REPOSITORY',
        },
        {
            name: 'GH_TOKEN or GITHUB_TOKEN',
            given: Boolean(io.env.GH_TOKEN || io.env.GITHUB_TOKEN),
            accepted: "a token that can read the repository's releases, e.g. GH_TOKEN=$(gh auth token)",
        },
    ]);
    const repository = (await repositoryOf(values, io));
    const c = await (0,_promote_js__WEBPACK_IMPORTED_MODULE_0__.connect)(values, io, { repository, access: 'pull' });
    const [{ promotionHistory }, { historyMermaid }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(44), __webpack_require__.e(708)]).then(__webpack_require__.bind(__webpack_require__, 6584)),
        __webpack_require__.e(/* import() */ 283).then(__webpack_require__.bind(__webpack_require__, 4283)),
    ]);
    const entries = await promotionHistory(values.image, {
        github: c.github,
        repository,
        clients: c.clients,
        ...(values.env !== undefined ? { environment: values.env } : {}),
    });
    if (values.json) {
        io.out(JSON.stringify(entries, null, 2));
        return 0;
    }
    if (values.mermaid) {
        io.out(historyMermaid(entries));
        return 0;
    }
    if (entries.length === 0) {
        io.out('no deliveries recorded');
        return 0;
    }
    for (const e of entries) {
        const who = e.actor ?? (e.recorded ? 'unknown' : 'unrecorded');
        const from = e.sourceTag ? ` from ${e.sourceTag}` : '';
        const where = e.release ? `  ${e.release.tag}` : '';
        const run = e.runUrl ? `  ${e.runUrl}` : '';
        io.out(`${(0,_promote_js__WEBPACK_IMPORTED_MODULE_0__.utc)(e.at)}  ${e.kind.padEnd(9)}  ${who}  ${e.targetTag}${from}  ${e.digest || '?'}${where}${run}`);
    }
    return 0;
}
/** gitops-promote audit: promotion without rebuild, proved from the registry and the releases. */
async function auditCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .parseFlags */ .bQ)(argv, {
        ..._promote_js__WEBPACK_IMPORTED_MODULE_0__.COMMON_FLAGS,
        'from-env': { type: 'string', accepted: _promote_js__WEBPACK_IMPORTED_MODULE_0__.ENVIRONMENT },
        'to-env': { type: 'string', accepted: _promote_js__WEBPACK_IMPORTED_MODULE_0__.ENVIRONMENT },
    });
    (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .requireAll */ .rs)([{ name: '--image', given: values.image !== undefined, accepted: _promote_js__WEBPACK_IMPORTED_MODULE_0__.IMAGE }]);
    const repository = await repositoryOf(values, io);
    const c = await (0,_promote_js__WEBPACK_IMPORTED_MODULE_0__.connect)(values, io, { ...(repository ? { repository } : {}), access: 'pull' });
    const { auditImage } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(44), __webpack_require__.e(555)]).then(__webpack_require__.bind(__webpack_require__, 8863));
    const result = await auditImage(values.image, {
        clients: c.clients,
        ...(c.github && repository ? { github: c.github, repository } : {}),
        ...(values['from-env'] !== undefined ? { fromEnvironment: values['from-env'] } : {}),
        ...(values['to-env'] !== undefined ? { toEnvironment: values['to-env'] } : {}),
    });
    const failed = result.violations.length ? _io_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT_FAILED */ .hj : 0;
    if (values.json) {
        io.out(JSON.stringify(result, null, 2));
        return failed;
    }
    for (const v of result.violations)
        io.out(`${v.kind}: ${v.message}`);
    const scope = c.github && repository ? `${result.releases} releases` : 'no releases (no GitHub token or repository)';
    io.out(`${result.violations.length ? `${result.violations.length} violations` : 'no violations'}: ${result.targetTags} ${values['to-env'] ?? 'production'} tags checked against ${values['from-env'] ?? 'staging'}, ${scope}`);
    return failed;
}


/***/ }),

/***/ 7631:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   COMMON_FLAGS: () => (/* binding */ COMMON_FLAGS),
/* harmony export */   ENVIRONMENT: () => (/* binding */ ENVIRONMENT),
/* harmony export */   IMAGE: () => (/* binding */ IMAGE),
/* harmony export */   age: () => (/* binding */ age),
/* harmony export */   changesOf: () => (/* binding */ changesOf),
/* harmony export */   connect: () => (/* binding */ connect),
/* harmony export */   planCommand: () => (/* binding */ planCommand),
/* harmony export */   promoteCommand: () => (/* binding */ promoteCommand),
/* harmony export */   statusCommand: () => (/* binding */ statusCommand),
/* harmony export */   utc: () => (/* binding */ utc)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1895);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6339);



const IMAGE = 'an image name without tag, e.g. ghcr.io/acme/backend';
const ENVIRONMENT = 'an environment name [a-z][a-z0-9]*, e.g. staging';
const COMMON_FLAGS = {
    image: { type: 'string', accepted: IMAGE },
    repository: { type: 'string', accepted: 'owner/name of the service repository, e.g. acme/backend' },
    username: { type: 'string', accepted: 'a registry user name, with --password-stdin' },
    'password-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    'time-budget': { type: 'string', accepted: 'a number of minutes above 0 and at most 360, e.g. 10' },
};
const PLAN_FLAGS = {
    ...COMMON_FLAGS,
    // Repeated: a release train (several images of one commit, one version, one release).
    image: { type: 'string', multiple: true, accepted: IMAGE },
    source: {
        type: 'string',
        accepted: 'latest, an immutable tag, a digest sha256:<64 hex> or a released version vX.Y.Z',
    },
    version: { type: 'string', accepted: 'a version X.Y.Z, e.g. 1.4.2' },
    'from-env': { type: 'string', accepted: ENVIRONMENT },
    'to-env': { type: 'string', accepted: ENVIRONMENT },
    bump: { type: 'string', accepted: 'patch, minor, major, none' },
    'to-image': {
        type: 'string',
        multiple: true,
        accepted: 'an image name without tag (registry/repo): where the environment tags go; one per --image, in order',
    },
    signatures: { type: 'string', accepted: 'copy or skip' },
    'extra-tag': {
        type: 'string',
        multiple: true,
        accepted: 'a tag, with {{version}}, {{major}}, {{minor}}, {{patch}} or {{sha}}, e.g. {{major}}.{{minor}}',
    },
};
/**
 * Every input of plan and promote checked before anything is read: all missing flags in one
 * error, then each value, named by its flag (the library's own check runs here too, before I/O).
 */
async function promotionInputs(values, io) {
    const repositoryValue = values.repository ?? io.env.GITHUB_REPOSITORY;
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .requireAll */ .rs)([
        { name: '--image', given: (values.image?.length ?? 0) > 0, accepted: IMAGE },
        {
            name: '--repository',
            given: Boolean(repositoryValue),
            accepted: 'owner/name of the service repository, or set GITHUB_REPOSITORY',
        },
        {
            name: 'GH_TOKEN or GITHUB_TOKEN',
            given: Boolean(io.env.GH_TOKEN || io.env.GITHUB_TOKEN),
            accepted: "a token that can read (plan) or write (promote) the repository's contents, e.g. GH_TOKEN=$(gh auth token)",
        },
    ]);
    const images = values.image;
    for (const image of images) {
        const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_1__.parseImageRef)(image, '--image');
        if (ref.tag !== undefined || ref.digest !== undefined) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--image', image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend', 'give the tag or digest to promote with --source');
        }
    }
    const toImages = values['to-image'] ?? [];
    if (toImages.length > 0 && toImages.length !== images.length) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--to-image', toImages.join(' '), `one --to-image per --image, in the same order (${images.length}), or none`, `${toImages.length} given for ${images.length} images`);
    }
    const from = values['from-env'] ?? 'staging';
    const to = values['to-env'] ?? 'production';
    if (from === to)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--to-env', to, `an environment other than --from-env (${from})`);
    const { parseRepository } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(217)]).then(__webpack_require__.bind(__webpack_require__, 6217));
    const repository = parseRepository(repositoryValue, values.repository !== undefined ? '--repository' : 'GITHUB_REPOSITORY');
    const request = {
        image: images[0],
        source: values.source ?? 'latest',
        ...(values.version !== undefined ? { version: values.version } : {}),
        ...(values['from-env'] !== undefined ? { fromEnvironment: values['from-env'] } : {}),
        ...(values['to-env'] !== undefined ? { toEnvironment: values['to-env'] } : {}),
        ...(values.bump !== undefined ? { bump: values.bump } : {}),
        ...(toImages[0] !== undefined ? { toImage: toImages[0] } : {}),
        ...(images.length > 1
            ? {
                train: images
                    .slice(1)
                    .map((image, i) => ({ image, ...(toImages[i + 1] ? { toImage: toImages[i + 1] } : {}) })),
            }
            : {}),
        ...(values.signatures !== undefined ? { signatures: values.signatures } : {}),
        ...(values['extra-tag']?.length ? { extraTags: values['extra-tag'] } : {}),
        repository,
    };
    const { validatePromotionRequest } = await Promise.all(/* import() */[__webpack_require__.e(856), __webpack_require__.e(88), __webpack_require__.e(61), __webpack_require__.e(44), __webpack_require__.e(536), __webpack_require__.e(537)]).then(__webpack_require__.bind(__webpack_require__, 4537));
    validatePromotionRequest(request);
    return request;
}
/** GitHub and registry access from the flags and the environment; GitHub when a token and a repository are there. */
async function connect(values, io, opts) {
    const logger = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .cliLogger */ .$v)(io, values.verbose);
    const { parseTimeBudget } = await __webpack_require__.e(/* import() */ 205).then(__webpack_require__.bind(__webpack_require__, 6205));
    const budgetMs = parseTimeBudget(values['time-budget'], '--time-budget');
    const token = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .githubToken */ .bU)(io)?.token;
    const credentials = await (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .registryCredentials */ .Qn)(io, values);
    const { createGitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(217)]).then(__webpack_require__.bind(__webpack_require__, 6217));
    const { registryClients } = await Promise.all(/* import() */[__webpack_require__.e(61), __webpack_require__.e(600)]).then(__webpack_require__.bind(__webpack_require__, 7600));
    const clients = registryClients({
        ...credentials,
        ...(opts.explicitFor ? { explicitFor: opts.explicitFor } : {}),
        githubToken: token,
        env: io.env,
        logger,
        access: opts.access,
        budgetMs,
    });
    const github = token && opts.repository
        ? createGitHubClient({
            token,
            apiUrl: io.env.GITHUB_API_URL,
            env: io.env,
            logger,
            budgetMs,
            budgetHint: 'raise --time-budget (minutes)',
        })
        : undefined;
    return {
        clients,
        budgetMs,
        ...(github ? { github } : {}),
        ...(opts.repository ? { repository: opts.repository } : {}),
    };
}
/** In another CI system (or a workflow's run: step) GITHUB_RUN_ID and friends name the run, as the action's lineage does. */
async function servicesOf(c, io, verbose) {
    const { readRunnerContext } = await __webpack_require__.e(/* import() */ 639).then(__webpack_require__.bind(__webpack_require__, 7639));
    const { runUrl, actor: runActor } = readRunnerContext(io.env);
    // Outside a workflow, the release's record of deliveries names the user who ran the CLI.
    const actor = runActor ?? io.env.USER ?? io.env.LOGNAME;
    return {
        clients: c.clients,
        github: c.github,
        nowSeconds: () => io.nowSeconds(),
        logger: (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .cliLogger */ .$v)(io, verbose),
        ...(runUrl ? { runUrl } : {}),
        ...(actor ? { actor } : {}),
    };
}
/** With the tags going to another registry, --username is the source registry's and goes nowhere else. */
function sourceOnly(request) {
    const members = [request, ...(request.train ?? [])];
    const from = new Set(members.map((m) => (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_1__.parseImageRef)(m.image, '--image').registry));
    const to = members.flatMap((m) => (m.toImage ? [(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_1__.parseImageRef)(m.toImage, '--to-image').registry] : []));
    return to.some((r) => !from.has(r)) ? { explicitFor: [...from] } : {};
}
function printLines(io, heading, lines) {
    io.out(heading);
    for (const line of lines)
        io.out(`  ${line}`);
}
async function planCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .parseFlags */ .bQ)(argv, PLAN_FLAGS);
    const request = await promotionInputs(values, io);
    const c = await connect(values, io, { repository: request.repository, access: 'pull', ...sourceOnly(request) });
    const { planPromotion, describePlan } = await Promise.all(/* import() */[__webpack_require__.e(856), __webpack_require__.e(88), __webpack_require__.e(61), __webpack_require__.e(44), __webpack_require__.e(536), __webpack_require__.e(537)]).then(__webpack_require__.bind(__webpack_require__, 4537));
    const plan = await planPromotion(request, await servicesOf(c, io, values.verbose));
    if (values.json)
        io.out(JSON.stringify(plan, null, 2));
    else
        printLines(io, 'Plan (nothing changed):', describePlan(plan));
    return 0;
}
/** What a promotion will write, from its plan: the question a person at a terminal answers. */
function changesOf(plan, opts) {
    const { owner, repo } = plan.repository;
    const target = plan.toImage ?? plan.image;
    const lines = target === plan.image
        ? []
        : [
            `registry: ${target} gets ${plan.digest} copied from ${plan.image}${plan.signatures === 'skip' ? '' : ', with its signatures and attestations'}`,
        ];
    lines.push(plan.targetState === 'new'
        ? `registry: new tag ${target}:${plan.targetTag} for ${plan.digest}`
        : `registry: ${target}:${plan.targetTag} has ${plan.digest} already (kept)`);
    if (opts.moveAlias)
        lines.push(`registry: ${target}:${plan.aliasTag} moves to ${plan.digest}`);
    for (const m of plan.train ?? []) {
        const to = m.toImage ?? m.image;
        lines.push(`registry: ${m.targetState === 'new' ? 'new tag ' : ''}${to}:${m.targetTag} for ${m.digest}${to !== m.image ? ` (copied from ${m.image})` : ''}` +
            (opts.moveAlias ? `, and ${to}:${m.aliasTag} moves to it` : ''));
    }
    lines.push(plan.releaseState === 'new'
        ? `GitHub ${owner}/${repo}: tag ${plan.releaseTag} at ${plan.commit}, and the release ${plan.releaseTag}`
        : plan.releaseState === 'ref-only'
            ? `GitHub ${owner}/${repo}: the release ${plan.releaseTag} (its tag is in place already)`
            : `GitHub ${owner}/${repo}: the release ${plan.releaseTag} exists${plan.rollback ? ' (kept as it is)' : " (this promotion's lineage is recorded in it)"}`);
    if (plan.nextState === 'new') {
        lines.push(`GitHub ${owner}/${repo}: the next version ${plan.nextVersion}, as the tag ${plan.nextVersionTag}`);
    }
    else if (plan.nextState === 'exists') {
        lines.push(`GitHub ${owner}/${repo}: the next version ${plan.nextVersion} (its tag ${plan.nextVersionTag} exists already)`);
    }
    return lines;
}
async function promoteCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .parseFlags */ .bQ)(argv, {
        ...PLAN_FLAGS,
        'make-latest': { type: 'string' },
        'no-notes': { type: 'boolean' },
        'no-move-alias': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
    });
    const request = await promotionInputs(values, io);
    const { validateMakeLatest } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(44), __webpack_require__.e(773)]).then(__webpack_require__.bind(__webpack_require__, 1044));
    const makeLatest = validateMakeLatest(values['make-latest'] ?? 'auto', '--make-latest');
    const dryRun = values['dry-run'] ?? false;
    const moveAlias = !values['no-move-alias'];
    const c = await connect(values, io, {
        repository: request.repository,
        access: dryRun ? 'pull' : 'push',
        ...sourceOnly(request),
    });
    const services = await servicesOf(c, io, values.verbose);
    // The same function as the promote action (and so action-promote) runs: one implementation.
    const { runPromotion, accountLines } = await Promise.all(/* import() */[__webpack_require__.e(856), __webpack_require__.e(88), __webpack_require__.e(61), __webpack_require__.e(44), __webpack_require__.e(536), __webpack_require__.e(537), __webpack_require__.e(449)]).then(__webpack_require__.bind(__webpack_require__, 3449));
    const options = { generateNotes: !values['no-notes'], moveAlias, makeLatest };
    const report = (account) => {
        // The library's errors name the action's inputs: here, the flags.
        const error = account.error && { ...account.error, message: (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .flagMessage */ .cO)(account.error.message) };
        if (error)
            io.err(`gitops-promote promote: ${error.message}`);
        if (values.json)
            io.out(JSON.stringify(error ? { ...account, error } : account, null, 2));
        else if (error)
            for (const line of accountLines(account, { withError: false }))
                io.err(line);
        else
            for (const line of accountLines(account))
                io.out(line);
        if (!error)
            return 0;
        return error.kind === 'input' ? _io_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT_USAGE */ .Ri : _io_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT_FAILED */ .hj;
    };
    // A person at a terminal sees what will change and says yes first: run by hand, the promotion
    // skips whatever the workflow guards it with (an environment's required reviewers). CI has no
    // terminal and is never asked; --yes is the person's own "I have read it".
    if (!dryRun && !values.yes && io.interactive && io.ask) {
        const preview = await runPromotion(request, services, { ...options, dryRun: true });
        if (preview.error || !preview.plan)
            return report(preview);
        const plan = preview.plan;
        const also = plan.train?.length ? ` with ${plan.train.map((m) => m.image).join(', ')} (one release train)` : '';
        io.err(`About to promote ${plan.image}:${plan.sourceTag}${also} to ${plan.toEnvironment} as version ${plan.version}:`);
        for (const line of changesOf(plan, { moveAlias }))
            io.err(`  ${line}`);
        io.err(`Run by hand, this does not wait for the required reviewers of the workflow's \`environment: ${plan.toEnvironment}\`, if it has any.`);
        const answer = (await io.ask('Promote? [y/N] ')).trim();
        if (!/^y(es)?$/i.test(answer)) {
            io.err(`gitops-promote promote: not confirmed (answered ${JSON.stringify(answer.slice(0, 20))}): nothing was changed`);
            return _io_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT_FAILED */ .hj;
        }
        // What was shown is what runs: "latest" is pinned to the tag Flux picked when the question was asked.
        if (plan.sourceKind === 'latest')
            request.source = plan.sourceTag;
    }
    return report(await runPromotion(request, services, { ...options, dryRun }));
}
async function statusCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .parseFlags */ .bQ)(argv, { ...COMMON_FLAGS, env: { type: 'string', multiple: true } });
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .requireAll */ .rs)([{ name: '--image', given: values.image !== undefined, accepted: IMAGE }]);
    const image = values.image;
    const envs = values.env?.length ? values.env : ['develop', 'staging', 'production'];
    const repositoryValue = values.repository ?? io.env.GITHUB_REPOSITORY;
    const { parseRepository } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(217)]).then(__webpack_require__.bind(__webpack_require__, 6217));
    const repository = repositoryValue
        ? parseRepository(repositoryValue, values.repository !== undefined ? '--repository' : 'GITHUB_REPOSITORY')
        : undefined;
    const c = await connect(values, io, { ...(repository ? { repository } : {}), access: 'pull' });
    const { environmentStatus } = await Promise.all(/* import() */[__webpack_require__.e(856), __webpack_require__.e(88), __webpack_require__.e(61), __webpack_require__.e(44), __webpack_require__.e(536), __webpack_require__.e(537), __webpack_require__.e(120)]).then(__webpack_require__.bind(__webpack_require__, 5120));
    const status = await environmentStatus(image, envs, {
        clients: c.clients,
        ...(c.github && c.repository ? { github: c.github, repository: c.repository } : {}),
    });
    // Exit 1 when an environment has nothing to run or its pick cannot be read: a script (or a
    // person at 3 a.m.) must not read "nothing" as "fine".
    const failed = status.some((s) => !s.tag || s.error !== undefined) ? _io_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT_FAILED */ .hj : 0;
    if (values.json) {
        io.out(JSON.stringify(status, null, 2));
        return failed;
    }
    const width = Math.max(...status.map((s) => s.environment.length));
    const now = Date.now();
    for (const s of status) {
        const name = s.environment.padEnd(width);
        if (!s.tag) {
            io.out(`${name}  nothing: ${s.error ?? 'no tag'}`);
            continue;
        }
        const when = s.taggedAt ? `  tagged ${utc(s.taggedAt)} (${age(s.taggedAt, now)})` : '';
        io.out(`${name}  ${s.tag}  ${s.digest ?? '?'}  version ${s.version}  commit ${s.commit}${when}`);
        if (s.error)
            io.err(`warning: ${s.environment}: ${s.error}`);
        if (s.alias?.drift) {
            io.err(`warning: ${s.environment}: drift: the alias ${s.alias.tag} points at ${s.alias.digest}, not at ${s.tag} (${s.digest ?? '?'}) that Flux deploys; ` +
                `run the promotion again to finish it, or \`gitops-promote retag ${image}:${s.tag} ${s.alias.tag}\` to move the alias back`);
        }
        if (s.ties.length) {
            io.err(`warning: ${s.environment}: tie: ${[s.tag, ...s.ties].join(', ')} have the same ts; Flux picks among them at random`);
        }
    }
    return failed;
}
/** `2025-02-06T16:42:03.000Z` as `2025-02-06 16:42:03 UTC`. */
function utc(iso) {
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
/** How long ago, in the largest whole unit: "just now", "12 min ago", "3 h ago", "5 d ago" (or "in 4 min"). */
function age(iso, now) {
    const seconds = Math.round((now - Date.parse(iso)) / 1000);
    const abs = Math.abs(seconds);
    if (abs < 60)
        return 'just now';
    const [n, unit] = abs < 3600
        ? [Math.floor(abs / 60), 'min']
        : abs < 86400
            ? [Math.floor(abs / 3600), 'h']
            : [Math.floor(abs / 86400), 'd'];
    return seconds >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}


/***/ }),

/***/ 1251:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ DIGEST),
/* harmony export */   Dk: () => (/* binding */ TAG),
/* harmony export */   H0: () => (/* binding */ DIGEST_REFERENCE),
/* harmony export */   RG: () => (/* binding */ FULL_SHA),
/* harmony export */   Y5: () => (/* binding */ SHA256_HEX),
/* harmony export */   fu: () => (/* binding */ SHA256_DIGEST),
/* harmony export */   nx: () => (/* binding */ COMMIT_PREFIX)
/* harmony export */ });
/* unused harmony export TAG_GRAMMAR */
/**
 * The shapes of commit ids, digests and tags, written once and imported wherever one is checked
 * (issue 12 "one source per value"). Each is anchored and lowercase-only where the source of the
 * value writes lowercase (git, GitHub's API, the OCI digest grammar).
 */
/** A full commit id: 40 lowercase hex characters, as git and GitHub's API write a SHA-1 object name. */
const FULL_SHA = /^[0-9a-f]{40}$/;
/**
 * A commit id or an abbreviation of one: 4 to 40 lowercase hex characters (git takes "a leading
 * substring that is unique within the repository" of at least 4, https://git-scm.com/docs/gitrevisions).
 */
const COMMIT_PREFIX = /^[0-9a-f]{4,40}$/;
/**
 * A digest of the algorithms the OCI image spec registers, sha256 and sha512, in their canonical
 * lowercase hex of 64 and 128 characters
 * (https://github.com/opencontainers/image-spec/blob/main/descriptor.md#registered-algorithms).
 */
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
/**
 * A sha256 digest only: the digests the release model's own inputs name (a promotion's source, a
 * release's lineage), which every registry it targets computes with sha256.
 */
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
/** The hex of a sha256 without its `sha256:` prefix, as some registries send Docker-Content-Digest. */
const SHA256_HEX = /^[a-f0-9]{64}$/;
/**
 * A reference that is a digest rather than a tag, whatever its length: `sha256:` or `sha512:` and
 * lowercase hex. Loose on purpose: it only tells the two kinds of reference apart (a tag cannot
 * hold a colon), and a malformed digest is then refused by the registry or by DIGEST.
 */
const DIGEST_REFERENCE = /^(sha256|sha512):([a-f0-9]+)$/;
/** A tag name by the distribution spec's grammar (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests). */
const TAG_GRAMMAR = '[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}';
const TAG = new RegExp(`^${TAG_GRAMMAR}$`);


/***/ }),

/***/ 1895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mb: () => (/* binding */ registryApiHost),
/* harmony export */   kL: () => (/* binding */ formatImageRef),
/* harmony export */   parseImageRef: () => (/* binding */ parseImageRef),
/* harmony export */   tO: () => (/* binding */ imageName)
/* harmony export */ });
/* unused harmony export redactUserinfo */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1251);


const ACCEPTED = 'an image reference [registry[:port]/]name[:tag][@sha256:<64 hex>] with a lowercase name, e.g. ghcr.io/org/backend or nginx:1.27';
// The distribution reference grammar (distribution/reference `regexp.go`; OCI distribution-spec L151).
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const REGISTRY = new RegExp(`^${HOST}(?::[0-9]+)?$`);
const PATH_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
/** distribution/reference `NameTotalLengthMax`: registry, slash and repository together. */
const NAME_MAX = 255;
const DOCKER_HUB = 'docker.io';
/** Hosts that all name Docker Hub; `registry-1.docker.io` is where its API is served. */
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/**
 * Like Docker, the first path component is a registry only when it looks like a host (a dot, a
 * port, `localhost` or an IPv6 literal); `org/app` is a Docker Hub repository.
 */
function looksLikeRegistry(component) {
    return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[');
}
/**
 * A reference written like a URL with credentials, `https://user:PASSWORD@host/img` or
 * `user:PASSWORD@host/img` (or a token as the user name): the text with everything up to that `@`
 * replaced by `***`, else undefined. Every refusal of such a reference must show only this text, so
 * this runs before anything else looks at the reference. The `@` of userinfo is told apart from the
 * `@` of a digest: a digest comes last and holds no `/`, and starts with its algorithm.
 */
function redactUserinfo(ref) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(ref)?.[0] ?? '';
    const rest = ref.slice(scheme.length);
    const lastSlash = rest.lastIndexOf('/');
    // An "@" with a "/" after it cannot be a digest's: it ends userinfo (passwords may hold "@" or "/").
    let at = lastSlash >= 0 ? rest.lastIndexOf('@', lastSlash) : -1;
    if (at < 0) {
        const last = rest.lastIndexOf('@');
        if (last < 0)
            return undefined;
        const before = rest.slice(0, last);
        const after = rest.slice(last + 1);
        if (before.includes('/'))
            return undefined; // name@digest
        const userinfo = scheme !== '' ||
            (!/^sha(?:256|512):/i.test(after) &&
                (before.includes(':') || (REGISTRY.test(after) && looksLikeRegistry(after))));
        if (!userinfo)
            return undefined;
        at = last;
    }
    return `${scheme}***@${rest.slice(at + 1)}`;
}
/**
 * Parses and normalises an image reference. GHCR repositories are lowercased, because owners keep
 * their case in `${{ github.repository }}` and GHCR refuses upper case ("repository name must be
 * lowercase"); GHCR owner names are case-insensitive, so the lowercased name is the same image.
 * Other registries are not lowercased: the reference grammar allows only lowercase names and
 * a registry may not treat case as GHCR does, so an upper-case name is an error there.
 */
function parseImageRef(ref, input = 'image') {
    const fail = (reason) => {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, ref, ACCEPTED, reason);
    };
    if (ref === '')
        fail('it is empty');
    const redacted = redactUserinfo(ref);
    if (redacted !== undefined) {
        const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(ref);
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, redacted, ACCEPTED, `it holds credentials before "@" (shown as ***); give them as username and password (the actions' inputs, the CLI's --username and --password-stdin) and write the reference without them${scheme ? ' and without the URL scheme' : ''}`);
    }
    if (/^[a-z]+:\/\//i.test(ref))
        fail('it has a URL scheme; write the reference without it');
    let rest = ref;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!_common_patterns_js__WEBPACK_IMPORTED_MODULE_1__/* .DIGEST */ .Dh.test(digest))
            fail(`digest ${JSON.stringify(digest)} is not sha256:<64 lowercase hex> (or sha512:<128 hex>)`);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (tag.length > 128)
            fail(`tag ${JSON.stringify(tag)} is ${tag.length} characters long, more than 128`);
        if (!_common_patterns_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.test(tag))
            fail(`tag ${JSON.stringify(tag)} does not match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}`);
    }
    const slash = rest.indexOf('/');
    let registry = DOCKER_HUB;
    let repository = rest;
    if (slash >= 0 && looksLikeRegistry(rest.slice(0, slash))) {
        registry = rest.slice(0, slash).toLowerCase();
        repository = rest.slice(slash + 1);
        if (!REGISTRY.test(registry))
            fail(`registry ${JSON.stringify(registry)} is not a host name, IPv4 or [IPv6] address with an optional port`);
    }
    if (DOCKER_HUB_ALIASES.has(registry)) {
        registry = DOCKER_HUB;
        // Docker Hub's official images live under library/, also in token scopes (distribution #4354).
        if (repository !== '' && !repository.includes('/'))
            repository = `library/${repository}`;
    }
    if (registry === 'ghcr.io')
        repository = repository.toLowerCase();
    if (repository === '')
        fail('the repository name is empty');
    if (!REPOSITORY.test(repository)) {
        if (REPOSITORY.test(repository.toLowerCase())) {
            fail(`repository ${JSON.stringify(repository)} has upper-case letters; repository names are lowercase only`);
        }
        fail(`repository ${JSON.stringify(repository)} does not match the reference grammar: lowercase [a-z0-9] components separated by ".", "_", "__" or "-", joined by "/"`);
    }
    const name = `${registry}/${repository}`;
    if (name.length > NAME_MAX)
        fail(`the name ${name} is ${name.length} characters long, more than ${NAME_MAX}`);
    return {
        registry,
        repository,
        ...(tag !== undefined ? { tag } : {}),
        ...(digest !== undefined ? { digest } : {}),
    };
}
/** Canonical form: the registry always written, Docker Hub as `docker.io/library/nginx`. */
function formatImageRef(ref) {
    return `${imageName(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}
function imageName(ref) {
    return `${ref.registry}/${ref.repository}`;
}
/** `docker.io` names Docker Hub, whose registry API is served by `registry-1.docker.io`. */
function registryApiHost(registry) {
    const host = registry.toLowerCase();
    return DOCKER_HUB_ALIASES.has(host) ? 'registry-1.docker.io' : host;
}


/***/ })

};
