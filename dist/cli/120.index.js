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
 * version, commit). One tag listing serves every environment.
 */
async function environmentStatus(image, environments, services) {
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageRef */ .Q)(image.trim(), 'image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('image', image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend');
    }
    const envs = environments.map((e) => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .validateEnvironment */ .qQ)(e.trim(), 'environments'));
    if (envs.length === 0)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('environments', '', 'one environment or more, e.g. staging, production');
    const registry = await services.clients(ref.registry);
    const tags = await registry.listTags(ref.repository);
    const out = [];
    for (const environment of envs) {
        const pick = (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .fluxPick */ .tz)(tags, environment);
        if (!pick.ok) {
            out.push({ environment, error: pick.error, ties: [] });
            continue;
        }
        const status = { environment, tag: pick.tag, ties: pick.ties };
        const parsed = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(pick.tag);
        status.version = parsed.version;
        status.commit = parsed.sha;
        try {
            const head = await registry.headManifest(ref.repository, pick.tag);
            if (head)
                status.digest = head.digest;
            else
                status.error = `${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(ref)}:${pick.tag} is listed but not found`;
            if (services.github && services.repository) {
                status.commit = await (0,_github_commits_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveCommit */ .W)(services.github, services.repository, parsed.sha, 'commit');
            }
        }
        catch (err) {
            status.error = (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err);
        }
        out.push(status);
    }
    return out;
}


/***/ })

};
