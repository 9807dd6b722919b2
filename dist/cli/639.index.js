export const id = 639;
export const ids = [639];
export const modules = {

/***/ 7639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readRunnerContext: () => (/* binding */ readRunnerContext)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

const PULL_REQUEST_EVENTS = new Set([
    'pull_request',
    'pull_request_target',
    'pull_request_review',
    'pull_request_review_comment',
]);
function readRunnerContext(env = process.env) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    let event = {};
    if (env.GITHUB_EVENT_PATH) {
        try {
            event = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        }
        catch {
            event = {};
        }
    }
    const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    const ref = env.GITHUB_REF ?? '';
    let branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    let sha = env.GITHUB_SHA || undefined;
    if (PULL_REQUEST_EVENTS.has(eventName)) {
        // The head commit, not the merge commit GITHUB_SHA names (docker/metadata-action #206).
        sha = event.pull_request?.head?.sha || sha;
        branch = env.GITHUB_HEAD_REF || event.pull_request?.head?.ref || undefined;
    }
    const repository = env.GITHUB_REPOSITORY || undefined;
    const runUrl = repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    const actor = env.GITHUB_ACTOR || undefined;
    return { eventName, branch, sha, repository, serverUrl, runUrl, ...(actor ? { actor } : {}) };
}


/***/ })

};
