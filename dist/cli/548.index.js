export const id = 548;
export const ids = [548];
export const modules = {

/***/ 7548:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   retagCommand: () => (/* binding */ retagCommand)
/* harmony export */ });
/* harmony import */ var _usage_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7988);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6339);


async function retagCommand(argv, io) {
    const { values, positionals } = (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .parseFlags */ .bQ)(argv, {
        'dry-run': { type: 'boolean' },
        username: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        json: { type: 'boolean' },
    }, true);
    const [source, ...targets] = positionals;
    if (source === undefined || targets.length === 0) {
        throw new _io_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`retag needs a SOURCE and at least one TAG\n${_usage_js__WEBPACK_IMPORTED_MODULE_0__/* .RETAG_USAGE */ .aG}`);
    }
    const password = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : io.env.REGISTRY_PASSWORD;
    const verbose = !!io.env.GITOPS_PROMOTE_DEBUG;
    const logger = {
        debug: (m) => verbose && io.err(m),
        info: () => { },
        warning: (m) => io.err(`warning: ${m}`),
    };
    const dryRun = values['dry-run'] ?? false;
    // Loaded here, as `latest` does: `tags` and `latest` from standard input never need the registry client.
    const [{ registryClients }, { retag }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(388), __webpack_require__.e(511)]).then(__webpack_require__.bind(__webpack_require__, 7600)),
        Promise.all(/* import() */[__webpack_require__.e(388), __webpack_require__.e(191)]).then(__webpack_require__.bind(__webpack_require__, 6191)),
    ]);
    const clients = registryClients({
        username: values.username ?? io.env.REGISTRY_USERNAME,
        password,
        env: io.env,
        logger,
        access: dryRun ? 'pull' : 'push',
    });
    const result = await retag({ source, targets, dryRun, clients, logger });
    if (values.json) {
        io.out(JSON.stringify(result, null, 2));
        return 0;
    }
    for (const t of result.targets)
        io.out(`${t.state} ${t.ref}${t.previousDigest ? ` (was ${t.previousDigest})` : ''}`);
    io.out(`digest ${result.digest}`);
    if (dryRun)
        io.err('dry run: nothing was written');
    return 0;
}


/***/ })

};
