export const id = 312;
export const ids = [312,895];
export const modules = {

/***/ 5312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   latestCommand: () => (/* binding */ latestCommand)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _tagging_flux_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(536);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5141);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6339);





const POLICIES = ['numerical', 'alphabetical', 'semver'];
async function latestCommand(argv, io) {
    const { values } = (0,_io_js__WEBPACK_IMPORTED_MODULE_4__/* .parseFlags */ .bQ)(argv, {
        pattern: {
            type: 'string',
            accepted: "a Go regular expression, as the ImagePolicy's filterTags.pattern, e.g. '^staging-v'",
        },
        extract: { type: 'string', accepted: "a template of the pattern's groups, as filterTags.extract, e.g. '$ts'" },
        env: { type: 'string' },
        policy: { type: 'string' },
        order: { type: 'string' },
        range: { type: 'string' },
        image: { type: 'string', accepted: 'an image name, e.g. ghcr.io/acme/backend' },
        username: { type: 'string', accepted: 'a registry user name, with --password-stdin' },
        'password-stdin': { type: 'boolean' },
        verbose: { type: 'boolean' },
        json: { type: 'boolean' },
    });
    const policy = (values.policy ?? 'numerical');
    if (!POLICIES.includes(policy))
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--policy', values.policy ?? '', POLICIES.join(', '));
    (0,_tagging_flux_js__WEBPACK_IMPORTED_MODULE_1__/* .validatePolicySpec */ .mr)({ policy, order: values.order, range: values.range }, { order: '--order', range: '--range' });
    let pattern = values.pattern;
    let extract = values.extract;
    if (values.env !== undefined) {
        if (pattern !== undefined)
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--env', values.env, 'either --env or --pattern, not both');
        pattern = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .fluxPattern */ .CY)((0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .validateEnvironment */ .qQ)(values.env, '--env'));
        extract ??= _tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .FLUX_EXTRACT */ .Mb;
    }
    let tags;
    if (values.image !== undefined) {
        const image = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__.parseImageRef)(values.image, '--image');
        const credentials = await (0,_io_js__WEBPACK_IMPORTED_MODULE_4__/* .registryCredentials */ .Qn)(io, values);
        const { listImageTags } = await Promise.all(/* import() */[__webpack_require__.e(61), __webpack_require__.e(615)]).then(__webpack_require__.bind(__webpack_require__, 615));
        tags = await listImageTags(image, {
            ...credentials,
            githubToken: (0,_io_js__WEBPACK_IMPORTED_MODULE_4__/* .githubToken */ .bU)(io)?.token,
            logger: (0,_io_js__WEBPACK_IMPORTED_MODULE_4__/* .cliLogger */ .$v)(io, values.verbose, { info: false }),
            env: io.env,
        });
    }
    else {
        tags = (await io.readStdin())
            .split('\n')
            .map((t) => t.replace(/\r$/, ''))
            .filter((t) => t !== '');
        // Nothing piped in (a terminal, or an empty pipe) is a mistake in the call, not Flux's "empty list".
        if (tags.length === 0) {
            throw new _io_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .eb('no tags on standard input: pipe the tags in, one a line (e.g. crane ls IMAGE | gitops-promote latest …), or give --image to read them from the registry');
        }
    }
    const result = (0,_tagging_flux_js__WEBPACK_IMPORTED_MODULE_1__/* .selectLatest */ .se)(tags, { pattern, extract, policy, order: values.order, range: values.range });
    if (!result.ok) {
        if (values.json)
            io.out(JSON.stringify({ error: result.error, stalled: result.stalled }));
        io.err(result.error);
        return _io_js__WEBPACK_IMPORTED_MODULE_4__/* .EXIT_FAILED */ .hj;
    }
    if (values.json) {
        io.out(JSON.stringify({ tag: result.tag, value: result.value, ties: result.ties }));
    }
    else {
        io.out(result.tag);
    }
    if (result.ties.length) {
        io.err(`warning: tie: ${[result.tag, ...result.ties].join(', ')} have the same value (${result.value}) as different strings; Flux picks among them at random`);
    }
    return 0;
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


/***/ }),

/***/ 5141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CY: () => (/* binding */ fluxPattern),
/* harmony export */   LY: () => (/* binding */ validateShaLength),
/* harmony export */   Mb: () => (/* binding */ FLUX_EXTRACT),
/* harmony export */   Pj: () => (/* binding */ validateVersion),
/* harmony export */   ek: () => (/* binding */ parseImmutableTag),
/* harmony export */   eo: () => (/* binding */ nextTimestamp),
/* harmony export */   m5: () => (/* binding */ buildTags),
/* harmony export */   qQ: () => (/* binding */ validateEnvironment),
/* harmony export */   sC: () => (/* binding */ formatImmutableTag),
/* harmony export */   xt: () => (/* binding */ validateSha),
/* harmony export */   xw: () => (/* binding */ validateTimestamp),
/* harmony export */   z7: () => (/* binding */ validateTag)
/* harmony export */ });
/* unused harmony exports ENV_GRAMMAR, MAX_ENVIRONMENT_LENGTH, newestTimestamp */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _image_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1895);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1251);



/** No dash: the immutable tag is split on dashes, and Flux's pattern starts with `^<env>-v`. */
const ENV_GRAMMAR = /^[a-z][a-z0-9]*$/;
/**
 * The longest environment name: with it, the longest immutable tag there can be (three 16-digit
 * version numbers, the largest semver takes here, a 40-character sha, a 10-digit ts) is exactly 128
 * characters, the most an OCI tag may have
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests), so no
 * valid build or promotion can make a tag a registry refuses. README "Choices".
 */
const MAX_ENVIRONMENT_LENGTH = 24;
const ENV_ACCEPTED = `a lowercase letter followed by lowercase letters or digits, at most ${MAX_ENVIRONMENT_LENGTH} characters, e.g. develop, staging, production`;
const VERSION_ACCEPTED = 'MAJOR.MINOR.PATCH without leading zeros, optionally with a leading v, e.g. 1.4.2 or v1.4.2';
const SHA_LENGTH_ACCEPTED = 'an integer from 7 to 40';
const TIMESTAMP_ACCEPTED = 'Unix time in seconds: 10 digits, no leading zero, e.g. 1738860123';
const TAG_ACCEPTED = 'an OCI tag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, at most 128 characters';
const MIN_SHA = 7;
const MAX_SHA = 40;
/** A git SHA-256 object name; longer hex is not a commit. */
const MAX_COMMIT_HEX = 64;
const PLAIN_VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
/**
 * Exactly the tags Flux's policy for some environment matches (`fluxPattern`): the digit runs and
 * the sha are as loose as Flux's `[0-9]+` and `[a-f0-9]+`, so that every tag Flux could select
 * takes part in `newestTimestamp`.
 */
const IMMUTABLE_SHAPE = /^([a-z][a-z0-9]*)-v([0-9]+\.[0-9]+\.[0-9]+)-([a-f0-9]+)-([0-9]+)$/;
function validateEnvironment(env, input = 'environment') {
    if (ENV_GRAMMAR.test(env) && env.length <= MAX_ENVIRONMENT_LENGTH)
        return env;
    let reason;
    if (env === '')
        reason = 'it is empty';
    else if (ENV_GRAMMAR.test(env))
        reason = `it has ${env.length} characters, more than ${MAX_ENVIRONMENT_LENGTH}, so the immutable tag <env>-v<version>-<sha>-<ts> could pass the 128 characters of an OCI tag`;
    else if (env.includes('-'))
        reason = 'it contains "-", and the immutable tag <env>-v<version>-<sha>-<ts> is split on dashes';
    else if (/[A-Z]/.test(env) && ENV_GRAMMAR.test(env.toLowerCase()))
        reason = 'it has upper-case letters';
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, env, ENV_ACCEPTED, reason);
}
function validateVersion(version, input = 'version') {
    const plain = version.startsWith('v') ? version.slice(1) : version;
    if (PLAIN_VERSION.test(plain)) {
        if (plain.split('.').every((n) => Number.isSafeInteger(Number(n))))
            return plain;
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, version, VERSION_ACCEPTED, 'a number is too large for semver');
    }
    let reason;
    const suffixed = /^([0-9]+\.[0-9]+\.[0-9]+)[-+]/.exec(plain);
    if (suffixed) {
        reason =
            "a prerelease or build suffix is not allowed: Flux's pattern <env>-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-<ts> would not match the tag";
    }
    else if (/^[0-9]+\.[0-9]+\.[0-9]+$/.test(plain)) {
        reason = 'semver forbids leading zeros';
    }
    else if (version === '') {
        reason = 'it is empty';
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, version, VERSION_ACCEPTED, reason);
}
function validateShaLength(length, input = 'sha-length') {
    const text = String(length);
    if (/^[0-9]+$/.test(text)) {
        const n = Number(text);
        if (n >= MIN_SHA && n <= MAX_SHA)
            return n;
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, text, SHA_LENGTH_ACCEPTED);
}
function validateSha(sha, length = MIN_SHA, input = 'sha') {
    const size = validateShaLength(length);
    const accepted = `a hexadecimal commit sha of at least ${size} characters (the full 40-character sha is fine)`;
    if (!/^[0-9a-fA-F]+$/.test(sha)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, sha === '' ? 'it is empty' : 'it is not hexadecimal');
    }
    if (sha.length < size) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, `it has ${sha.length} characters`);
    }
    if (sha.length > MAX_COMMIT_HEX) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, `it has ${sha.length} characters, more than a commit sha`);
    }
    return sha.slice(0, size).toLowerCase();
}
function validateTimestamp(ts, input = 'timestamp') {
    const text = String(ts);
    if (/^[1-9][0-9]{9}$/.test(text))
        return Number(text);
    let reason;
    if (/^[0-9]{13}$/.test(text)) {
        reason =
            "it has 13 digits, so it looks like milliseconds; a millisecond tag outranks every second tag in Flux's numerical policy, so use seconds (date +%s, Math.floor(Date.now() / 1000))";
    }
    else if (/^[0-9]+$/.test(text)) {
        reason = text.startsWith('0') ? 'it has a leading zero' : `it has ${text.length} digits`;
    }
    else if (text === '') {
        reason = 'it is empty';
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, text, TIMESTAMP_ACCEPTED, reason);
}
function validateTag(tag, input = 'tags') {
    if (_common_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.test(tag))
        return tag;
    let reason;
    if (tag === '')
        reason = 'it is empty';
    else if (tag.length > 128)
        reason = `it is ${tag.length} characters long`;
    else if (!/^[A-Za-z0-9_]/.test(tag))
        reason = `it starts with ${JSON.stringify(tag[0])}`;
    else {
        const bad = [...tag].find((c) => !/[A-Za-z0-9._-]/.test(c));
        if (bad !== undefined)
            reason = `it contains ${JSON.stringify(bad)}`;
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, tag, TAG_ACCEPTED, reason);
}
/** The sha part of an immutable tag: already short, lowercase hex, 7 to 40 characters. */
function validateTagSha(sha, input) {
    if (/^[0-9a-fA-F]+$/.test(sha) && sha.length >= MIN_SHA && sha.length <= MAX_SHA)
        return sha.toLowerCase();
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, `hexadecimal, ${MIN_SHA} to ${MAX_SHA} characters`);
}
function formatImmutableTag(t) {
    const env = validateEnvironment(t.env);
    const version = validateVersion(t.version);
    const sha = validateTagSha(t.sha, 'sha');
    const ts = validateTimestamp(t.ts);
    return validateTag(`${env}-v${version}-${sha}-${ts}`, 'tag');
}
/**
 * `undefined` for aliases, sha tags and anything else Flux's environment patterns would not match.
 * Parts are as loose as Flux's pattern (`ts` read as a number, as Flux's numerical policy does), so
 * a parsed tag may still be refused by `formatImmutableTag`.
 */
function parseImmutableTag(tag) {
    const m = IMMUTABLE_SHAPE.exec(tag);
    if (!m)
        return undefined;
    return { env: m[1], version: m[2], sha: m[3], ts: Number(m[4]) };
}
/** The README's policy pattern, character for character (Go RE2 syntax: `(?P<ts>…)`). */
function fluxPattern(env) {
    return `^${validateEnvironment(env)}-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$`;
}
const FLUX_EXTRACT = '$ts';
function newestOf(tags, env) {
    let newest;
    for (const tag of tags) {
        const parsed = parseImmutableTag(tag);
        if (parsed?.env !== env)
            continue;
        if (newest === undefined || parsed.ts > newest.ts)
            newest = { tag, ts: parsed.ts };
    }
    return newest;
}
function newestTimestamp(tags, env) {
    return newestOf(tags, validateEnvironment(env))?.ts;
}
/**
 * `max(now, newest + 1)`: Flux breaks ties between equal timestamps by byte order, not by age, so
 * a new tag must be strictly newer than every tag of its environment.
 */
function nextTimestamp(nowSeconds, tags, env) {
    const now = validateTimestamp(Math.floor(nowSeconds), 'now');
    const newest = newestOf(tags, validateEnvironment(env));
    if (newest === undefined || newest.ts < now)
        return now;
    const next = newest.ts + 1;
    if (next > 9_999_999_999) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`Tag ${newest.tag} of environment ${env} has timestamp ${newest.ts}, which is not Unix seconds ` +
            `(milliseconds?). Flux's numerical policy ranks it above every 10-digit timestamp, so no new tag ` +
            `of ${env} could become the newest: delete that tag from the registry first.`);
    }
    return next;
}
function buildTags(opts) {
    const env = validateEnvironment(opts.env);
    const version = validateVersion(opts.version);
    const shaTag = validateSha(opts.sha, validateShaLength(opts.shaLength ?? MIN_SHA));
    const ts = validateTimestamp(opts.ts);
    const immutable = formatImmutableTag({ env, version, sha: shaTag, ts });
    const names = [];
    for (const image of opts.images) {
        const ref = (0,_image_js__WEBPACK_IMPORTED_MODULE_1__.parseImageRef)(image, 'images');
        if (ref.tag !== undefined || ref.digest !== undefined) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('images', image, 'image names without tag or digest, e.g. ghcr.io/org/backend', 'the tags are computed here, so the name must not carry one');
        }
        const name = (0,_image_js__WEBPACK_IMPORTED_MODULE_1__/* .formatImageRef */ .kL)(ref);
        if (!names.includes(name))
            names.push(name);
    }
    const refs = names.flatMap((name) => [`${name}:${env}`, `${name}:${immutable}`, `${name}:${shaTag}`]);
    return { alias: env, immutable, shaTag, refs };
}


/***/ })

};
