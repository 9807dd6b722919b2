export const id = 708;
export const ids = [708,773];
export const modules = {

/***/ 4364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ findLink)
/* harmony export */ });
/* unused harmony export parseLinkHeader */
const OWS = new Set([' ', '\t']);
/** token delimiters of RFC 9110 §5.6.2 that may end a parameter name or a bare value */
const TOKEN_END = new Set([' ', '\t', ';', ',', '=', '"', '<', '>']);
/** Every link-value of the header (or of each of its lines), in order. */
function parseLinkHeader(header) {
    if (header === null || header === undefined)
        return [];
    const lines = typeof header === 'string' ? [header] : header;
    const out = [];
    for (const line of lines)
        parseLine(line, out);
    return out;
}
/** The target of the first link-value whose `rel` includes `rel` (case-insensitive), if any. */
function findLink(header, rel) {
    const wanted = rel.toLowerCase();
    return parseLinkHeader(header).find((l) => l.rel.includes(wanted))?.target;
}
function parseLine(s, out) {
    let i = 0;
    const n = s.length;
    const skipOws = () => {
        while (i < n && OWS.has(s[i]))
            i++;
    };
    /** past the next comma that is outside a quoted-string and outside <…> */
    const skipToNextValue = () => {
        let inQuotes = false;
        let inUri = false;
        for (; i < n; i++) {
            const c = s[i];
            if (inQuotes) {
                if (c === '\\')
                    i++;
                else if (c === '"')
                    inQuotes = false;
            }
            else if (inUri) {
                if (c === '>')
                    inUri = false;
            }
            else if (c === '"')
                inQuotes = true;
            else if (c === '<')
                inUri = true;
            else if (c === ',') {
                i++;
                return;
            }
        }
    };
    const token = () => {
        const start = i;
        while (i < n && !TOKEN_END.has(s[i]))
            i++;
        return s.slice(start, i);
    };
    const quoted = () => {
        // at the opening quote
        i++;
        let value = '';
        while (i < n) {
            const c = s[i];
            if (c === '\\' && i + 1 < n) {
                value += s[i + 1];
                i += 2;
            }
            else if (c === '"') {
                i++;
                return value;
            }
            else {
                value += c;
                i++;
            }
        }
        return undefined; // unterminated
    };
    while (i < n) {
        // empty list elements and the whitespace around them (RFC 9110 §5.6.1)
        while (i < n && (OWS.has(s[i]) || s[i] === ','))
            i++;
        if (i >= n)
            break;
        if (s[i] !== '<') {
            skipToNextValue();
            continue;
        }
        const close = s.indexOf('>', i + 1);
        if (close < 0)
            break;
        const target = s.slice(i + 1, close).trim();
        i = close + 1;
        // no prototype: a parameter named `__proto__` or `constructor` is data like any other
        const params = Object.create(null);
        let valid = true;
        for (;;) {
            skipOws();
            if (i >= n || s[i] === ',')
                break;
            if (s[i] !== ';') {
                valid = false;
                break;
            }
            i++;
            skipOws();
            const name = token().toLowerCase();
            if (name === '') {
                // `;` with nothing after it: tolerated, like a trailing empty parameter
                continue;
            }
            skipOws();
            let value = '';
            if (s[i] === '=') {
                i++;
                skipOws();
                if (s[i] === '"') {
                    const q = quoted();
                    if (q === undefined) {
                        valid = false;
                        break;
                    }
                    value = q;
                }
                else
                    value = token();
            }
            if (!Object.prototype.hasOwnProperty.call(params, name))
                params[name] = value;
        }
        if (!valid) {
            skipToNextValue();
            continue;
        }
        const rel = (params.rel ?? '')
            .split(/[ \t]+/)
            .filter((r) => r !== '')
            .map((r) => r.toLowerCase());
        out.push({ target, rel, params });
    }
}


/***/ }),

/***/ 9088:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
/* unused harmony export stderrLogger */
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


/***/ }),

/***/ 8852:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   Mq: () => (/* binding */ isRetriedStatus),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   ur: () => (/* binding */ defaultRetryPolicy)
/* harmony export */ });
/* harmony import */ var _logger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9088);

const defaultRetryPolicy = { retries: 4, baseMs: 500, maxMs: 8000, maxRetryAfterMs: 30000 };
const RETRIED_STATUS = new Set([408, 429, 499, 500, 502, 503, 504, 522]);
/** Statuses worth another attempt: timeouts, rate limits and a server or gateway failing for now. */
function isRetriedStatus(status) {
    return RETRIED_STATUS.has(status);
}
/** Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function backoffDelay(attempt, policy, random = Math.random) {
    const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `attempt` until `decide` lets its outcome stand, the retries are spent or the deadline would pass. */
async function retry(attempt, opts) {
    const logger = opts.logger ?? _logger_js__WEBPACK_IMPORTED_MODULE_0__/* .silentLogger */ .q;
    const sleep = opts.sleep ?? realSleep;
    const now = opts.now ?? Date.now;
    const formatDelay = opts.formatDelay ?? ((ms) => `${ms} ms`);
    for (let n = 0;; n++) {
        let outcome;
        try {
            outcome = { ok: true, value: await attempt(n) };
        }
        catch (error) {
            outcome = { ok: false, error };
        }
        const step = opts.decide(outcome, n);
        const why = step === undefined
            ? undefined
            : n >= opts.policy.retries
                ? 'retries'
                : opts.deadline !== undefined && now() + step.delayMs > opts.deadline
                    ? 'deadline'
                    : undefined;
        if (step === undefined || why !== undefined) {
            if (step !== undefined && why !== undefined && opts.giveUp)
                return opts.giveUp(outcome, n, why, step);
            if (outcome.ok)
                return outcome.value;
            throw outcome.error;
        }
        await opts.discard?.(outcome);
        const line = `${opts.what}: ${opts.describe(outcome)}, retry ${n + 1}/${opts.policy.retries} in ${formatDelay(step.delayMs)}`;
        if (step.notice)
            logger.info(`${step.notice} (${line})`);
        else
            logger.debug(line);
        await sleep(step.delayMs);
    }
}


/***/ }),

/***/ 6584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deliveriesOf: () => (/* binding */ deliveriesOf),
/* harmony export */   imageName: () => (/* binding */ imageName),
/* harmony export */   promotionHistory: () => (/* binding */ promotionHistory),
/* harmony export */   releasesOfImage: () => (/* binding */ releasesOfImage)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _github_lineage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1261);
/* harmony import */ var _github_releases_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1044);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5141);






/** An image name without tag or digest, as the lineage records it. */
function imageName(image, input = '--image') {
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_4__.parseImageRef)(image.trim(), input);
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend');
    }
    return ref;
}
/** The deliveries a lineage records; a lineage written before deliveries existed counts as its promotion. */
function deliveriesOf(lineage, release) {
    if (lineage.deliveries?.length)
        return lineage.deliveries;
    return [
        {
            kind: 'promotion',
            at: lineage.promotedAt ?? release?.created_at ?? '',
            ...(lineage.runUrl ? { runUrl: lineage.runUrl } : {}),
            sourceTag: lineage.sourceTag,
            targetTag: lineage.targetTag,
            digest: lineage.digest,
        },
    ];
}
/** The published releases of `repository` whose lineage is of `image`, with that lineage. */
async function releasesOfImage(github, repository, image) {
    const name = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_4__/* .formatImageRef */ .kL)(image);
    const out = [];
    for (const release of await (0,_github_releases_js__WEBPACK_IMPORTED_MODULE_3__/* .listReleases */ .tH)(github, repository)) {
        if (release.draft)
            continue;
        const lineage = (0,_github_lineage_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLineage */ .Vg)(release.body);
        if (!lineage)
            continue;
        let of;
        try {
            of = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_4__/* .formatImageRef */ .kL)((0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_4__.parseImageRef)(lineage.image));
        }
        catch {
            continue;
        }
        if (of === name)
            out.push({ release, lineage });
    }
    return out;
}
/** The timeline of `image`, oldest first. */
async function promotionHistory(image, opts) {
    const ref = imageName(image);
    const environment = opts.environment !== undefined ? (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_5__/* .validateEnvironment */ .qQ)(opts.environment, '--env') : undefined;
    const logger = opts.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q;
    const [releases, tags] = await Promise.all([
        releasesOfImage(opts.github, opts.repository, ref),
        opts.clients
            ? opts.clients(ref.registry).then((c) => c.listTags(ref.repository, { absent: 'error' }))
            : Promise.resolve(undefined),
    ]);
    const entries = [];
    const recorded = new Set();
    for (const { release, lineage } of releases) {
        for (const d of deliveriesOf(lineage, release)) {
            const env = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_5__/* .parseImmutableTag */ .ek)(d.targetTag)?.env ?? '';
            recorded.add(d.targetTag);
            entries.push({
                ...d,
                environment: env,
                version: lineage.version,
                release: { tag: release.tag_name, url: release.html_url },
                recorded: true,
            });
        }
    }
    if (tags) {
        // The environments the releases deliver to (production, unless told otherwise).
        const targets = new Set(environment ? [environment] : entries.map((e) => e.environment));
        if (targets.size === 0)
            targets.add('production');
        let unrecorded = 0;
        for (const tag of tags) {
            const parsed = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_5__/* .parseImmutableTag */ .ek)(tag);
            if (!parsed || !targets.has(parsed.env) || recorded.has(tag))
                continue;
            unrecorded++;
            entries.push({
                kind: 'promotion',
                at: new Date((parsed.ts >= 1e11 ? parsed.ts : parsed.ts * 1000) || 0).toISOString().replace(/\.000Z$/, 'Z'),
                sourceTag: '',
                targetTag: tag,
                digest: '',
                environment: parsed.env,
                version: parsed.version,
                recorded: false,
            });
        }
        if (unrecorded)
            logger.debug(`${unrecorded} immutable tags of ${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_4__/* .formatImageRef */ .kL)(ref)} are recorded by no release`);
    }
    return entries
        .filter((e) => environment === undefined || e.environment === environment)
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.targetTag < b.targetTag ? -1 : 1));
}


/***/ })

};
