export const id = 895;
export const ids = [895];
export const modules = {

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
