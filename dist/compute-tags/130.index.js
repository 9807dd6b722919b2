export const id = 130;
export const ids = [130];
export const modules = {

/***/ 8130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   getRepositoryFacts: () => (/* binding */ getRepositoryFacts),
/* harmony export */   readRepositoryFacts: () => (/* binding */ readRepositoryFacts)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6217);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9325);




/**
 * The repository's description and license, for the image's `org.opencontainers.image.description`
 * and `.licenses`, from "Get a repository" (https://docs.github.com/en/rest/repos/repos#get-a-repository:
 * `description`, `license.spdx_id`). A workflow's GITHUB_TOKEN can always read it (the metadata
 * permission every token has); an App token for another repository may not.
 */
async function getRepositoryFacts(client, owner, repo) {
    const { data } = await client.rest.repos.get({ owner, repo });
    return { description: data.description ?? null, spdxId: data.license?.spdx_id ?? null };
}
/**
 * A best-effort read: metadata must never fail a build, nor hold it up. One retry, a short budget
 * (a rate limit that asks for a minute is given up at once), and any failure (401, 403, 404, the
 * network, a limit) is one log line and `undefined`.
 */
const BEST_EFFORT = { retries: 1, baseMs: 250, maxMs: 1000, maxRetryAfterMs: 2000 };
const BUDGET_MS = 20_000;
const REQUEST_TIMEOUT_MS = 10_000;
async function readRepositoryFacts(opts) {
    const logger = opts.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q;
    if (!opts.token || !opts.repository) {
        logger.debug(`description and licenses: not read (${opts.token ? 'GITHUB_REPOSITORY is unset' : 'no github-token'})`);
        return undefined;
    }
    try {
        const { owner, repo } = (0,_client_js__WEBPACK_IMPORTED_MODULE_2__.parseRepository)(opts.repository);
        const client = (0,_client_js__WEBPACK_IMPORTED_MODULE_2__.createGitHubClient)({
            token: opts.token,
            apiUrl: opts.apiUrl,
            logger,
            retryPolicy: BEST_EFFORT,
            budgetMs: BUDGET_MS,
            requestTimeoutMs: REQUEST_TIMEOUT_MS,
            ...(opts.env ? { env: opts.env } : {}),
        });
        return await getRepositoryFacts(client, owner, repo);
    }
    catch (err) {
        const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .requestStatus */ .G2)(err);
        const why = status === undefined || status === 500
            ? (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)
            : `HTTP ${status}${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .responseMessage */ .tw)(err) ? `: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .responseMessage */ .tw)(err)}` : ''}`;
        logger.info(`The labels and annotations go without org.opencontainers.image.description and .licenses: ` +
            `${opts.repository} could not be read with github-token (${why}). Set them with the labels and annotations inputs.`);
        logger.debug(`GET /repos/${opts.repository}: ${(0,_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)}`);
        return undefined;
    }
}


/***/ })

};
