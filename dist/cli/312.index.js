export const id = 312;
export const ids = [312];
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
        pattern: { type: 'string' },
        extract: { type: 'string' },
        env: { type: 'string' },
        policy: { type: 'string' },
        order: { type: 'string' },
        range: { type: 'string' },
        image: { type: 'string' },
        username: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        json: { type: 'boolean' },
    });
    const policy = (values.policy ?? 'numerical');
    if (!POLICIES.includes(policy))
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--policy', values.policy ?? '', POLICIES.join(', '));
    if (policy === 'semver' && values.range === undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('--range', '', 'a semver range, e.g. ">=1.0.0" (Flux requires one for the semver policy)');
    }
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
        const image = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageRef */ .Q)(values.image, '--image');
        const { listImageTags } = await Promise.all(/* import() */[__webpack_require__.e(704), __webpack_require__.e(694)]).then(__webpack_require__.bind(__webpack_require__, 615));
        const password = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : io.env.REGISTRY_PASSWORD;
        tags = await listImageTags(image, { username: values.username ?? io.env.REGISTRY_USERNAME, password, env: io.env });
    }
    else {
        tags = (await io.readStdin())
            .split('\n')
            .map((t) => t.replace(/\r$/, ''))
            .filter((t) => t !== '');
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


/***/ })

};
