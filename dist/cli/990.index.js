export const id = 990;
export const ids = [990];
export const modules = {

/***/ 3990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifyGitOps: () => (/* binding */ verifyGitOps),
/* harmony export */   verifyManifests: () => (/* binding */ verifyManifests)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _tagging_flux_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(536);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5141);
/* harmony import */ var _kit_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6955);
/* harmony import */ var _manifests_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7933);
/**
 * Git against Flux: every ImagePolicy of a GitOps checkout evaluated against the registry's tags as
 * image-reflector-controller would (`selectLatest`), every setter marker compared with what
 * image-automation-controller would write for that pick
 * (https://github.com/fluxcd/image-automation-controller/blob/main/internal/update/setters.go), and
 * the states in which Flux would not write it (suspended, no automation covering the file, a policy
 * that cannot pick from this tag scheme or picks the wrong tag).
 */






const where = (at) => `${at.file}:${at.line}`;
const id = (o) => `${o.namespace}/${o.name}`;
/** Timestamps are Unix seconds, 10 digits (the tag scheme); more digits outrank every second tag. */
const SECONDS_DIGITS = 10;
/** Parts of one version and sha per sample, so that "can never match" is not decided by one shape. */
const SAMPLE_PARTS = [
    { version: '1.2.3', sha: 'abcdef0', ts: 1738860123 },
    { version: '10.20.300', sha: '0123456789abcdef0123456789abcdef01234567', ts: 2000000000 },
];
function sameImage(a, b) {
    try {
        return (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)((0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__.parseImageRef)(a)) === (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)((0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__.parseImageRef)(b));
    }
    catch {
        return a === b;
    }
}
function fluxPolicyOf(p) {
    if ('invalid' in p.policy)
        return undefined;
    return {
        ...(p.filterTags ? { pattern: p.filterTags.pattern, extract: p.filterTags.extract } : {}),
        policy: p.policy.kind,
        ...(p.policy.order !== undefined ? { order: p.policy.order } : {}),
        ...(p.policy.range !== undefined ? { range: p.policy.range } : {}),
    };
}
function splitReference(value) {
    const at = value.indexOf('@');
    const digest = at >= 0 ? value.slice(at + 1) : undefined;
    const rest = at >= 0 ? value.slice(0, at) : value;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), ...(digest ? { digest } : {}) };
    }
    return { name: rest, ...(digest ? { digest } : {}) };
}
/**
 * The environment a policy serves: the kit's label, else the environment whose pattern it has, else
 * its pick's; `known` is false when none of these tells (the policy's name stands in).
 */
function environmentOf(p, selection, candidates) {
    const label = p.labels[_kit_js__WEBPACK_IMPORTED_MODULE_4__/* .ENVIRONMENT_LABEL */ .vq];
    if (label)
        return { environment: label, known: true };
    for (const env of candidates)
        if (p.filterTags?.pattern === (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .fluxPattern */ .CY)(env))
            return { environment: env, known: true };
    const picked = selection?.ok ? (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(selection.tag)?.env : undefined;
    return picked !== undefined ? { environment: picked, known: true } : { environment: p.name, known: false };
}
function isEnvironment(env) {
    try {
        (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .validateEnvironment */ .qQ)(env);
        return true;
    }
    catch {
        return false;
    }
}
async function verifyGitOps(opts) {
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__.parseImageRef)(opts.image, '--image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--image', opts.image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend', 'verify compares every tag the policies pick');
    }
    const manifests = await (0,_manifests_js__WEBPACK_IMPORTED_MODULE_5__/* .readGitOpsRepository */ .Pb)(opts.root);
    const tags = await opts.registry.listTags(ref.repository);
    return verifyManifests(manifests, (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(ref), tags, (tag) => opts.registry.headManifest(ref.repository, tag).then((m) => m?.digest));
}
/** The comparison itself, over manifests already read and the image's tags; `digestOf` reads a tag's digest. */
async function verifyManifests(manifests, image, tags, digestOf) {
    const drift = [];
    const digests = new Map();
    const tagDigest = (tag) => {
        let d = digests.get(tag);
        if (!d)
            digests.set(tag, (d = digestOf(tag)));
        return d;
    };
    for (const p of manifests.problems)
        drift.push({ kind: 'invalid-manifest', message: p.message, at: where(p.at) });
    const repositories = new Map(manifests.repositories.map((r) => [id(r), r]));
    const policies = new Map(manifests.policies.map((p) => [id(p), p]));
    const tagEnvironments = new Set(_kit_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_ENVIRONMENTS */ .p0);
    for (const t of tags) {
        const env = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(t)?.env;
        if (env !== undefined)
            tagEnvironments.add(env);
    }
    const ours = new Map();
    let ignoredPolicies = 0;
    for (const policy of manifests.policies) {
        const repository = repositories.get(id(policy.repositoryRef));
        if (!repository) {
            drift.push({
                kind: 'missing-image-repository',
                message: `ImagePolicy ${id(policy)} refers to ImageRepository ${id(policy.repositoryRef)}, which no manifest defines: Flux cannot evaluate it`,
                at: where(policy.at),
            });
            continue;
        }
        if (!sameImage(repository.image, image)) {
            ignoredPolicies++;
            continue;
        }
        const report = await evaluatePolicy(policy, repository, tags, [...tagEnvironments], tagDigest);
        ours.set(id(policy), { policy, repository, report: report.report, selection: report.selection });
    }
    if (ours.size === 0) {
        drift.push({
            kind: 'no-policy',
            message: `no ImagePolicy of the checkout follows ${image} (through an ImageRepository with spec.image ${image})`,
        });
    }
    let ignoredMarkers = 0;
    const suspendedReported = new Set();
    for (const marker of manifests.markers) {
        const target = marker.policy ? policies.get(id(marker.policy)) : undefined;
        if (!target) {
            drift.push({
                kind: 'missing-policy',
                message: marker.policy
                    ? `the marker {"$imagepolicy": "${marker.setter}"} names ImagePolicy ${id(marker.policy)}, which no manifest defines: Flux never updates this field`
                    : `the marker {"$imagepolicy": "${marker.setter}"} is not <namespace>:<policy> with an optional :tag, :name or :digest: Flux never updates this field`,
                at: where(marker.at),
            });
            continue;
        }
        const entry = ours.get(id(target));
        if (!entry) {
            ignoredMarkers++;
            continue;
        }
        const { report } = entry;
        const markerReport = await compareMarker(marker, entry.repository, entry.policy, entry.selection, report, tagDigest);
        report.markers.push(markerReport);
        const covering = manifests.automations.filter((a) => a.namespace === target.namespace &&
            (0,_manifests_js__WEBPACK_IMPORTED_MODULE_5__/* .pathCovers */ .qX)(a.path, marker.at.file) &&
            (0,_manifests_js__WEBPACK_IMPORTED_MODULE_5__/* .selectorMatches */ .de)(a.policySelector, target.labels));
        if (covering.length === 0) {
            report.drift.push({
                kind: 'no-automation',
                environment: report.environment,
                message: `no ImageUpdateAutomation in namespace ${target.namespace} covers ${marker.at.file} (spec.update.path) and selects ImagePolicy ${id(target)} (spec.policySelector): Flux never updates this marker`,
                at: where(marker.at),
            });
        }
        for (const a of covering) {
            if (!report.automations.some((x) => x.name === id(a))) {
                report.automations.push({ name: id(a), at: where(a.at), suspended: a.suspend });
            }
            if (suspendedReported.has(`${id(a)} ${report.environment}`))
                continue;
            suspendedReported.add(`${id(a)} ${report.environment}`);
            automationDrift(a, report);
        }
    }
    const environments = [...ours.values()].map((o) => o.report);
    const order = (e) => {
        const i = _kit_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_ENVIRONMENTS */ .p0.indexOf(e);
        return i < 0 ? _kit_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_ENVIRONMENTS */ .p0.length : i;
    };
    environments.sort((a, b) => order(a.environment) - order(b.environment) || (a.policy < b.policy ? -1 : 1));
    const all = [...environments.flatMap((e) => e.drift), ...drift];
    return {
        image,
        ok: all.length === 0,
        environments,
        drift: all,
        ignored: { policies: ignoredPolicies, markers: ignoredMarkers },
    };
}
function automationDrift(a, report) {
    if (a.suspend) {
        report.drift.push({
            kind: 'suspended',
            environment: report.environment,
            message: `ImageUpdateAutomation ${id(a)} has spec.suspend: true: it writes no new tag to Git until resumed`,
            at: where(a.at),
        });
    }
    // Conditions appear only in manifests exported from a cluster; Flux's kstatus conditions
    // (https://fluxcd.io/flux/components/image/imageupdateautomations/#conditions).
    const stalled = a.conditions.find((c) => c.type === 'Stalled' && c.status === 'True');
    const notReady = a.conditions.find((c) => c.type === 'Ready' && c.status === 'False');
    const condition = stalled ?? notReady;
    if (condition) {
        report.drift.push({
            kind: 'stalled',
            environment: report.environment,
            message: `ImageUpdateAutomation ${id(a)} reports ${condition.type}=${condition.status}${condition.reason ? ` (${condition.reason})` : ''}${condition.message ? `: ${condition.message}` : ''}`,
            at: where(a.at),
        });
    }
}
async function evaluatePolicy(policy, repository, tags, tagEnvironments, tagDigest) {
    const flux = fluxPolicyOf(policy);
    const selection = flux ? (0,_tagging_flux_js__WEBPACK_IMPORTED_MODULE_1__/* .selectLatest */ .se)(tags, flux) : undefined;
    const { environment, known } = environmentOf(policy, selection, tagEnvironments);
    const report = {
        environment,
        policy: id(policy),
        at: where(policy.at),
        markers: [],
        automations: [],
        drift: [],
    };
    const add = (kind, message) => report.drift.push({ kind, environment, message, at: where(policy.at) });
    const name = `ImagePolicy ${id(policy)}`;
    if (!flux || 'invalid' in policy.policy) {
        const reason = 'invalid' in policy.policy ? policy.policy.invalid : 'no policy';
        report.error = reason;
        add('invalid-policy', `${name}: ${reason}; Flux stalls it`);
        return { report };
    }
    if (policy.suspend)
        add('suspended', `${name} has spec.suspend: true: its pick no longer follows the registry`);
    if (repository.suspend) {
        add('suspended', `ImageRepository ${id(repository)} has spec.suspend: true: its tag list is no longer refreshed`);
    }
    if (selection && !selection.ok && selection.stalled) {
        report.error = selection.error;
        add('invalid-policy', `${name}: Flux stalls it: ${selection.error}`);
        return { report, selection };
    }
    // Would any tag of the scheme ever be picked? Samples of the policy's environment (or of every
    // environment when it names none) go through Flux's own selection.
    const envs = known && isEnvironment(environment) ? [environment] : [...tagEnvironments];
    const samples = envs.flatMap((env) => SAMPLE_PARTS.map((p) => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .formatImmutableTag */ .sC)({ env, ...p })));
    const sampleResults = samples.map((s) => ({ sample: s, result: (0,_tagging_flux_js__WEBPACK_IMPORTED_MODULE_1__/* .selectLatest */ .se)([s], flux) }));
    const neverMatches = sampleResults.every((r) => !r.result.ok);
    if (neverMatches) {
        const first = sampleResults[0];
        add('pattern-never-matches', `${name} can never pick a tag of the scheme <env>-v<version>-<sha>-<ts>: on ${first.sample} Flux says "${first.result.ok ? '' : first.result.error}"${policy.filterTags ? ` (pattern ${JSON.stringify(policy.filterTags.pattern)}, extract ${JSON.stringify(policy.filterTags.extract)})` : ''}`);
    }
    if (policy.policy.kind === 'alphabetical') {
        add('alphabetical-order', `${name} orders tags alphabetically: byte order, not time, so a timestamp with another number of digits (a millisecond tag, an older 9-digit one) or an untimed suffix picks the wrong build; use numerical with extract $ts`);
    }
    else if (policy.policy.kind === 'semver') {
        add('semver-order', `${name} orders by semver: a roll-forward to an older version (a new tag with a newer ts) is never picked, and builds of one version tie; use numerical with extract $ts`);
    }
    else if ((policy.policy.order ?? '').toLowerCase() === 'desc') {
        add('descending-order', `${name} has numerical order desc: the oldest timestamp wins; use asc`);
    }
    // Tags whose timestamp is not in seconds and that reach the policy outrank every real build.
    let passing = [];
    try {
        passing = policy.filterTags
            ? [...(0,_tagging_flux_js__WEBPACK_IMPORTED_MODULE_1__/* .filterTags */ ._N)(tags, policy.filterTags.pattern, policy.filterTags.extract).values()]
            : [...tags];
    }
    catch {
        passing = [];
    }
    const millisecond = passing.filter((t) => {
        const parsed = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(t);
        return parsed !== undefined && String(parsed.ts).length > SECONDS_DIGITS;
    });
    if (millisecond.length) {
        add('millisecond-tag', `${name} is misled by ${millisecond.sort().join(', ')}: a timestamp of more than ${SECONDS_DIGITS} digits (milliseconds?) outranks every tag in seconds, so no new build is picked until ${millisecond.length > 1 ? 'they are' : 'it is'} deleted from the registry`);
    }
    if (!selection || !selection.ok) {
        report.error = selection?.error ?? 'no pick';
        if (!neverMatches)
            add('no-pick', `${name} picks nothing today: Flux says "${report.error}"`);
        return { report, ...(selection ? { selection } : {}) };
    }
    const digest = await tagDigest(selection.tag);
    report.pick = { tag: selection.tag, ...(digest ? { digest } : {}), ties: selection.ties };
    if (selection.ties.length) {
        add('tie', `${name}: ${[selection.tag, ...selection.ties].join(', ')} have the same value (${selection.value}) as different strings; Flux picks among them at random`);
    }
    return { report, selection };
}
async function compareMarker(marker, repository, policy, selection, report, tagDigest) {
    const out = {
        at: where(marker.at),
        setter: marker.setter,
        form: marker.form,
        git: marker.value,
        agrees: false,
    };
    let gitTag;
    if (marker.form === 'tag')
        gitTag = marker.value;
    if (marker.form === 'image') {
        const parts = splitReference(marker.value);
        gitTag = parts.tag;
        if (parts.digest)
            out.gitDigest = parts.digest;
        if (parts.name !== repository.image && !sameImage(parts.name, repository.image))
            gitTag = undefined;
    }
    if (marker.form === 'digest')
        out.gitDigest = marker.value;
    if (gitTag !== undefined) {
        out.gitTag = gitTag;
        if (!out.gitDigest) {
            const d = await tagDigest(gitTag);
            if (d)
                out.gitDigest = d;
        }
    }
    if (!selection?.ok || !report.pick)
        return out;
    // What image-automation-controller writes: status.latestRef, whose name is the ImageRepository's
    // spec.image as written and whose digest is set only with digest reflection.
    const pickDigest = policy.digestReflectionPolicy !== 'Never' ? (report.pick.digest ?? '') : '';
    const expected = {
        image: `${repository.image}:${selection.tag}${pickDigest ? `@${pickDigest}` : ''}`,
        tag: selection.tag,
        name: repository.image,
        digest: pickDigest,
    }[marker.form];
    out.expected = expected;
    out.agrees = marker.value === expected;
    if (out.agrees)
        return out;
    const held = gitTag !== undefined ? (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(gitTag) : undefined;
    const picked = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(selection.tag);
    const setter = `{"$imagepolicy": "${marker.setter}"}`;
    const digestNote = out.gitDigest && report.pick.digest
        ? out.gitDigest === report.pick.digest
            ? ' (the same digest)'
            : ` (${out.gitDigest} vs ${report.pick.digest})`
        : gitTag !== undefined && out.gitDigest === undefined && (marker.form === 'image' || marker.form === 'tag')
            ? ` (${gitTag} is not in the registry)`
            : '';
    if (held && picked && held.env === picked.env && held.ts < picked.ts) {
        report.drift.push({
            kind: 'stalled',
            environment: report.environment,
            message: `${setter} holds ${gitTag}, older than ${selection.tag} which the policy picks${digestNote}: the automation has not written the pick (suspended, stalled, or without push access)`,
            at: out.at,
        });
    }
    else {
        report.drift.push({
            kind: 'marker-mismatch',
            environment: report.environment,
            message: `${setter} holds ${JSON.stringify(marker.value)}; Flux would write ${JSON.stringify(expected)}${digestNote}`,
            at: out.at,
        });
    }
    return out;
}


/***/ })

};
