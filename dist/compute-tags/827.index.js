export const id = 827;
export const ids = [827];
export const modules = {

/***/ 6827:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionRegistryClients: () => (/* binding */ actionRegistryClients)
/* harmony export */ });
/* harmony import */ var _packages_promotion_registry_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7600);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8701);


/**
 * The registry clients of an action step: its credential inputs, the runner's log, and every
 * secret the clients learn (a helper's answer, a token from the realm) masked before it can print.
 * Import this lazily where the registry is not always needed (compute-tags without `digest`).
 */
function actionRegistryClients(inputs, opts = {}) {
    return (0,_packages_promotion_registry_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .registryClients */ .K)({
        username: inputs.username,
        password: inputs.password,
        registryToken: inputs.registryToken,
        githubToken: inputs.githubToken,
        logger: _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .actionLogger */ .v0,
        onSecret: (s) => void (0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .secret */ .rJ)(s),
        ...(opts.access ? { access: opts.access } : {}),
        ...(opts.budgetMs !== undefined ? { budgetMs: opts.budgetMs } : {}),
    });
}


/***/ }),

/***/ 7600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ registryClients)
/* harmony export */ });
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8388);

/**
 * One client per registry, made on first use: credentials are resolved once per registry (a
 * credential helper runs once) and a client's token cache serves every repository of a run.
 */
function registryClients(opts = {}) {
    const clients = new Map();
    return (registry) => {
        const key = registry.toLowerCase();
        let client = clients.get(key);
        if (!client) {
            client = (async () => {
                const credentials = await (0,_registry_index_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveCredentials */ .z8)({
                    registry: key,
                    username: opts.username,
                    password: opts.password,
                    registryToken: opts.registryToken,
                    githubToken: opts.githubToken,
                    env: opts.env,
                    logger: opts.logger,
                    ...(opts.onSecret ? { onSecret: opts.onSecret } : {}),
                });
                return new _registry_index_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryClient */ .bP(key, {
                    credentials,
                    ...(opts.logger ? { logger: opts.logger } : {}),
                    ...(opts.onSecret ? { onSecret: opts.onSecret } : {}),
                    ...(opts.access ? { access: opts.access } : {}),
                    ...(opts.retry ? { retry: opts.retry } : {}),
                    ...(opts.budgetMs ? { budgetMs: opts.budgetMs } : {}),
                    ...(opts.insecure ? { insecure: opts.insecure } : {}),
                    ...(opts.env ? { env: opts.env } : {}),
                });
            })();
            clients.set(key, client);
            // A failed resolution (a broken credential helper) is not cached: the next call tries again.
            client.catch(() => clients.delete(key));
        }
        return client;
    };
}


/***/ })

};
