export const id = 205;
export const ids = [205];
export const modules = {

/***/ 6205:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseTimeBudget: () => (/* binding */ parseTimeBudget)
/* harmony export */ });
/* unused harmony export DEFAULT_TIME_BUDGET_MINUTES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);

/** The default time a promotion may spend waiting on GitHub's rate limits and on retries, in minutes. */
const DEFAULT_TIME_BUDGET_MINUTES = 10;
const MAX_TIME_BUDGET_MINUTES = 360; // a GitHub-hosted job's own limit
/**
 * The `time-budget` input / `--time-budget` flag: minutes, a positive number up to 360, parsed once
 * here for every entry point. GitHub asks clients to wait out a rate limit in full (docs.github.com
 * "Rate limits for the REST API"), and a primary limit can take up to an hour to reset: the budget
 * says how long a run may wait before it stops with the time the limit resets.
 */
function parseTimeBudget(value, input = 'time-budget') {
    const text = (value ?? '').trim();
    if (text === '')
        return DEFAULT_TIME_BUDGET_MINUTES * 60_000;
    const minutes = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!(minutes > 0) || minutes > MAX_TIME_BUDGET_MINUTES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, text, `a number of minutes above 0 and at most ${MAX_TIME_BUDGET_MINUTES}, e.g. 10`);
    }
    return Math.round(minutes * 60_000);
}


/***/ })

};
