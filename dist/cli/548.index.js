export const id = 548;
export const ids = [548];
export const modules = {

/***/ 7548:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   retagCommand: () => (/* binding */ retagCommand)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6339);


/** What a dry run says instead of what a run did: nothing was created or moved. */
const WOULD = { created: 'would create', moved: 'would move', unchanged: 'unchanged' };
async function retagCommand(argv, io) {
    const { values, positionals } = (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .parseFlags */ .bQ)(argv, {
        'dry-run': { type: 'boolean' },
        'to-image': { type: 'string', accepted: 'an image name without tag (registry/repo): where bare TAGs go' },
        signatures: { type: 'string', accepted: 'copy or skip' },
        username: { type: 'string', accepted: 'a registry user name, with --password-stdin' },
        'password-stdin': { type: 'boolean' },
        verbose: { type: 'boolean' },
        json: { type: 'boolean' },
    }, true);
    const [source, ...targets] = positionals;
    if (source === undefined || targets.length === 0) {
        throw new _io_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`retag needs a SOURCE and at least one TAG (gitops-promote help retag): got ${positionals.length === 0 ? 'neither' : 'no TAG'}`);
    }
    const credentials = await (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .registryCredentials */ .Qn)(io, values);
    const logger = (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .cliLogger */ .$v)(io, values.verbose, { info: false });
    const dryRun = values['dry-run'] ?? false;
    // Loaded here, as `latest` does: `tags` and `latest` from standard input never need the registry client.
    const [{ registryClients }, { retag }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(61), __webpack_require__.e(280)]).then(__webpack_require__.bind(__webpack_require__, 7600)),
        Promise.all(/* import() */[__webpack_require__.e(61), __webpack_require__.e(191)]).then(__webpack_require__.bind(__webpack_require__, 6191)),
    ]);
    const { parseImageRef } = await __webpack_require__.e(/* import() */ 895).then(__webpack_require__.bind(__webpack_require__, 1895));
    // --username applies to the source's registry only: a copy to another registry uses that
    // registry's own credentials (Docker config, REGISTRY_TOKEN for ghcr.io), never the source's.
    let explicitFor;
    try {
        if (!/^sha(256|512):/.test(source.trim()))
            explicitFor = [parseImageRef(source.trim(), 'source').registry];
    }
    catch {
        explicitFor = undefined; // retag() reports the bad SOURCE with its own words
    }
    const clients = registryClients({
        ...credentials,
        ...(explicitFor ? { explicitFor } : {}),
        githubToken: (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .githubToken */ .bU)(io)?.token,
        env: io.env,
        logger,
        access: dryRun ? 'pull' : 'push',
    });
    let result;
    try {
        const signatures = values.signatures;
        result = await retag({
            source,
            targets,
            dryRun,
            clients,
            logger,
            ...(values['to-image'] !== undefined ? { toImage: values['to-image'] } : {}),
            ...(signatures ? { signatures } : {}),
        });
    }
    catch (err) {
        // The library names the action's inputs; here they are the positional arguments of the usage line.
        if (err instanceof _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz)
            throw (0,_io_js__WEBPACK_IMPORTED_MODULE_1__/* .asFlagError */ .ZV)(err, { source: 'SOURCE', tags: 'TAG', 'to-image': '--to-image', signatures: '--signatures' });
        throw err;
    }
    if (values.json) {
        io.out(JSON.stringify(result, null, 2));
        return 0;
    }
    for (const t of result.targets) {
        const state = dryRun ? WOULD[t.state] : t.state;
        io.out(`${state} ${t.ref}${t.previousDigest ? ` (was ${t.previousDigest})` : ''}`);
    }
    for (const c of result.copies) {
        const s = c.stats;
        io.out(`copied into ${c.image}: ${c.how === 'mount' ? `${s.blobsMounted} blobs mounted` : `${s.blobsUploaded} blobs streamed (${s.bytesUploaded} bytes)`}, ${s.blobsPresent} present, ` +
            `${c.referrers.length} referrers and ${c.signatureTags.length} signature tags carried`);
    }
    io.out(`digest ${result.digest}`);
    if (dryRun)
        io.err('dry run: nothing was written');
    return 0;
}


/***/ })

};
