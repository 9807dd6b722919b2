export const id = 615;
export const ids = [615,600];
export const modules = {

/***/ 615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   listImageTags: () => (/* binding */ listImageTags)
/* harmony export */ });
/* harmony import */ var _registry_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7600);

/**
 * Every tag of an image's repository, with the credentials the README's order finds: pass `clients`
 * to share one client (and its token cache) across images, or the credentials to make one.
 */
async function listImageTags(image, opts = {}) {
    const clients = opts.clients ?? (0,_registry_clients_js__WEBPACK_IMPORTED_MODULE_0__.registryClients)(opts);
    const client = await clients(image.registry);
    return client.listTags(image.repository);
}


/***/ }),

/***/ 7600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   registryClients: () => (/* binding */ registryClients)
/* harmony export */ });
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7061);

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
                const own = Object.entries(opts.byRegistry ?? {}).find(([r]) => r.toLowerCase() === key)?.[1];
                const explicit = own ?? (!opts.explicitFor || opts.explicitFor.some((r) => r.toLowerCase() === key) ? opts : undefined);
                const credentials = await (0,_registry_index_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveCredentials */ .z8)({
                    registry: key,
                    username: explicit?.username,
                    password: explicit?.password,
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
