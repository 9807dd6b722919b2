export const id = 631;
export const ids = [631];
export const modules = {

/***/ 7631:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   age: () => (/* binding */ age),
/* harmony export */   planCommand: () => (/* binding */ planCommand),
/* harmony export */   promoteCommand: () => (/* binding */ promoteCommand),
/* harmony export */   statusCommand: () => (/* binding */ statusCommand)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6339);



const COMMON_FLAGS = {
    image: { type: 'string' },
    repository: { type: 'string' },
    username: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    'time-budget': { type: 'string' },
};
const PLAN_FLAGS = {
    ...COMMON_FLAGS,
    source: { type: 'string' },
    version: { type: 'string' },
    'from-env': { type: 'string' },
    'to-env': { type: 'string' },
    bump: { type: 'string' },
};
/** GitHub and registry access from the flags and the environment; GitHub only when `needGitHub` or available. */
async function connect(values, io, opts) {
    const logger = (0,_common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .stderrLogger */ .D)(values.verbose ?? false);
    const { parseTimeBudget } = await __webpack_require__.e(/* import() */ 205).then(__webpack_require__.bind(__webpack_require__, 6205));
    const budgetMs = parseTimeBudget(values['time-budget'], '--time-budget');
    const { createGitHubClient, parseRepository } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(217)]).then(__webpack_require__.bind(__webpack_require__, 6217));
    const { registryClients } = await Promise.all(/* import() */[__webpack_require__.e(388), __webpack_require__.e(280)]).then(__webpack_require__.bind(__webpack_require__, 7600));
    const repositoryValue = values.repository ?? io.env.GITHUB_REPOSITORY;
    const token = io.env.GITHUB_TOKEN;
    if (opts.needGitHub) {
        if (!repositoryValue) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--repository', '', 'owner/name of the service repository (or set GITHUB_REPOSITORY)', 'it is required');
        }
        if (!token) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('GITHUB_TOKEN', '', "a token that can read (plan) or write (promote) the repository's contents, in the environment variable GITHUB_TOKEN", 'it is unset');
        }
    }
    const repository = repositoryValue ? parseRepository(repositoryValue, '--repository') : undefined;
    const password = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : io.env.REGISTRY_PASSWORD;
    const clients = registryClients({
        username: values.username ?? io.env.REGISTRY_USERNAME,
        password: password || undefined,
        githubToken: token,
        env: io.env,
        logger,
        access: opts.access,
        budgetMs,
    });
    const github = token && repository
        ? createGitHubClient({
            token,
            apiUrl: io.env.GITHUB_API_URL,
            env: io.env,
            logger,
            budgetMs,
            budgetHint: 'raise --time-budget (minutes)',
        })
        : undefined;
    return { logger, clients, ...(github ? { github } : {}), ...(repository ? { repository } : {}) };
}
function promotionRequest(values, repository) {
    return {
        image: (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .requireFlag */ .eP)(values.image, '--image', 'an image name without tag, e.g. ghcr.io/acme/backend'),
        source: values.source ?? 'latest',
        ...(values.version !== undefined ? { version: values.version } : {}),
        ...(values['from-env'] !== undefined ? { fromEnvironment: values['from-env'] } : {}),
        ...(values['to-env'] !== undefined ? { toEnvironment: values['to-env'] } : {}),
        ...(values.bump !== undefined ? { bump: values.bump } : {}),
        repository,
    };
}
/** In another CI system (or a workflow's run: step) GITHUB_RUN_ID and friends name the run, as the action's lineage does. */
async function servicesOf(c, io) {
    const { readRunnerContext } = await __webpack_require__.e(/* import() */ 639).then(__webpack_require__.bind(__webpack_require__, 7639));
    const { runUrl } = readRunnerContext(io.env);
    return {
        clients: c.clients,
        github: c.github,
        nowSeconds: () => io.nowSeconds(),
        logger: c.logger,
        ...(runUrl ? { runUrl } : {}),
    };
}
function printLines(io, heading, lines) {
    io.out(heading);
    for (const line of lines)
        io.out(`  ${line}`);
}
async function planCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .parseFlags */ .bQ)(argv, PLAN_FLAGS);
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .requireFlag */ .eP)(values.image, '--image', 'an image name without tag, e.g. ghcr.io/acme/backend');
    const c = await connect(values, io, { needGitHub: true, access: 'pull' });
    const { planPromotion, describePlan } = await Promise.all(/* import() */[__webpack_require__.e(856), __webpack_require__.e(88), __webpack_require__.e(388), __webpack_require__.e(484), __webpack_require__.e(736), __webpack_require__.e(537)]).then(__webpack_require__.bind(__webpack_require__, 4537));
    const plan = await planPromotion(promotionRequest(values, c.repository), await servicesOf(c, io));
    if (values.json)
        io.out(JSON.stringify(plan, null, 2));
    else
        printLines(io, 'Plan (nothing changed):', describePlan(plan));
    return 0;
}
async function promoteCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .parseFlags */ .bQ)(argv, {
        ...PLAN_FLAGS,
        'make-latest': { type: 'string' },
        'no-notes': { type: 'boolean' },
        'no-move-alias': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
    });
    (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .requireFlag */ .eP)(values.image, '--image', 'an image name without tag, e.g. ghcr.io/acme/backend');
    const { validateMakeLatest } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(736), __webpack_require__.e(830)]).then(__webpack_require__.bind(__webpack_require__, 6048));
    const makeLatest = validateMakeLatest(values['make-latest'] ?? 'auto', '--make-latest');
    const dryRun = values['dry-run'] ?? false;
    const c = await connect(values, io, { needGitHub: true, access: dryRun ? 'pull' : 'push' });
    // The same function as the promote action (and so action-promote) runs: one implementation.
    const { runPromotion, accountLines } = await Promise.all(/* import() */[__webpack_require__.e(856), __webpack_require__.e(88), __webpack_require__.e(388), __webpack_require__.e(484), __webpack_require__.e(736), __webpack_require__.e(449)]).then(__webpack_require__.bind(__webpack_require__, 3449));
    const account = await runPromotion(promotionRequest(values, c.repository), await servicesOf(c, io), {
        dryRun,
        generateNotes: !values['no-notes'],
        moveAlias: !values['no-move-alias'],
        makeLatest,
    });
    if (account.error)
        io.err(`gitops-promote promote: ${account.error.message}`);
    if (values.json)
        io.out(JSON.stringify(account, null, 2));
    else if (account.error)
        for (const line of accountLines(account, { withError: false }))
            io.err(line);
    else
        for (const line of accountLines(account))
            io.out(line);
    if (!account.error)
        return 0;
    return account.error.kind === 'input' ? _io_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT_USAGE */ .Ri : _io_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT_FAILED */ .hj;
}
async function statusCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .parseFlags */ .bQ)(argv, { ...COMMON_FLAGS, env: { type: 'string', multiple: true } });
    const image = (0,_io_js__WEBPACK_IMPORTED_MODULE_2__/* .requireFlag */ .eP)(values.image, '--image', 'an image name without tag, e.g. ghcr.io/acme/backend');
    const envs = values.env?.length ? values.env : ['develop', 'staging', 'production'];
    const c = await connect(values, io, { needGitHub: false, access: 'pull' });
    const { environmentStatus } = await Promise.all(/* import() */[__webpack_require__.e(856), __webpack_require__.e(88), __webpack_require__.e(388), __webpack_require__.e(484), __webpack_require__.e(736), __webpack_require__.e(120)]).then(__webpack_require__.bind(__webpack_require__, 5120));
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

/***/ 9088:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ stderrLogger),
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
const silentLogger = { debug() { }, info() { }, warning() { } };
/** Logs to stderr, so that stdout stays machine-readable for the CLI. */
const stderrLogger = (verbose = false) => ({
    debug: (m) => {
        if (verbose)
            process.stderr.write(`debug: ${m}\n`);
    },
    info: (m) => process.stderr.write(`${m}\n`),
    warning: (m) => process.stderr.write(`warning: ${m}\n`),
});


/***/ })

};
