export const id = 120;
export const ids = [120];
export const modules = {

/***/ 5120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   environmentStatus: () => (/* binding */ environmentStatus)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _github_commits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6222);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5141);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4537);





/**
 * Per environment: what its Flux policy picks now among the image's tags, and what that is (digest,
 * version, commit, when it was tagged), and where the environment's alias points. One tag listing
 * serves every environment; a repository the registry does not know is an error, not "no tags".
 */
async function environmentStatus(image, environments, services) {
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__.parseImageRef)(image.trim(), 'image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('image', image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend');
    }
    const envs = environments.map((e) => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .validateEnvironment */ .qQ)(e.trim(), 'environments'));
    if (envs.length === 0)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('environments', '', 'one environment or more, e.g. staging, production');
    const registry = await services.clients(ref.registry);
    // A mistyped image is not an empty one: the registry's 404 is an error here.
    const tags = await registry.listTags(ref.repository, { absent: 'error' });
    const image_ = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(ref);
    return Promise.all(envs.map(async (environment) => {
        const pick = (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .fluxPick */ .tz)(tags, environment);
        if (!pick.ok) {
            const mine = tags.filter((t) => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(t)?.env === environment).length;
            const error = mine === 0
                ? `no ${environment}-v… tag among the ${tags.length} tags of ${image_}: nothing was built or promoted to ${environment}, or the environment name is wrong`
                : `Flux's policy for ${environment} fails: ${pick.error}`;
            return { environment, error, fluxError: pick.error, ties: [] };
        }
        const parsed = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(pick.tag);
        const status = {
            environment,
            tag: pick.tag,
            version: parsed.version,
            commit: parsed.sha,
            taggedAt: tagTime(parsed.ts),
            ties: pick.ties,
        };
        try {
            // The alias is read beside the pick, when the list has one; a failure to read it is no drift.
            const [head, alias] = await Promise.all([
                registry.headManifest(ref.repository, pick.tag),
                tags.includes(environment)
                    ? registry.headManifest(ref.repository, environment).catch(() => undefined)
                    : undefined,
            ]);
            if (head)
                status.digest = head.digest;
            else
                status.error = `${image_}:${pick.tag} is listed but not found`;
            if (alias)
                status.alias = { tag: environment, digest: alias.digest, drift: alias.digest !== status.digest };
            if (services.github && services.repository) {
                status.commit = await (0,_github_commits_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveCommit */ .WL)(services.github, services.repository, parsed.sha, 'commit');
            }
        }
        catch (err) {
            status.error = (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err);
        }
        return status;
    }));
}
/** A tag's `ts` (Unix seconds; milliseconds in tags some tools write) as ISO 8601 UTC. */
function tagTime(ts) {
    const ms = ts >= 1e11 ? ts : ts * 1000;
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}


/***/ })

};
