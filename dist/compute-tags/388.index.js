export const id = 388;
export const ids = [388];
export const modules = {

/***/ 6827:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionRegistryClients: () => (/* binding */ actionRegistryClients),
/* harmony export */   credentialScope: () => (/* binding */ credentialScope),
/* harmony export */   promotionRegistries: () => (/* binding */ promotionRegistries),
/* harmony export */   registriesOf: () => (/* binding */ registriesOf)
/* harmony export */ });
/* harmony import */ var _packages_promotion_registry_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7600);
/* harmony import */ var _packages_tagging_image_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1895);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8701);



/**
 * Which registry each set of explicit credentials is for, when an image goes from `source` to
 * another registry `target`: username/password are the source registry's only, and
 * to-username/to-password the target's; neither crosses to the other. Within one registry (or
 * without a target) username/password apply as they always did.
 */
function credentialScope(inputs, source, target) {
    if (!source || !target || source === target)
        return {};
    return {
        explicitFor: [source],
        ...(inputs.toUsername || inputs.toPassword
            ? { byRegistry: { [target]: { username: inputs.toUsername, password: inputs.toPassword } } }
            : {}),
    };
}
/**
 * The registry clients of an action step: its credential inputs, the runner's log, and every
 * secret the clients learn (a helper's answer, a token from the realm) masked before it can print.
 * Import this lazily where the registry is not always needed (compute-tags without `digest`).
 */
function actionRegistryClients(inputs, opts = {}) {
    return (0,_packages_promotion_registry_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .registryClients */ .K)({
        username: inputs.username,
        password: inputs.password,
        ...credentialScope(inputs, opts.source, opts.target),
        registryToken: inputs.registryToken,
        githubToken: inputs.githubToken,
        logger: _runner_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLogger */ .v0,
        onSecret: (s) => void (0,_runner_js__WEBPACK_IMPORTED_MODULE_2__/* .secret */ .rJ)(s),
        ...(opts.access ? { access: opts.access } : {}),
        ...(opts.budgetMs !== undefined ? { budgetMs: opts.budgetMs } : {}),
    });
}
/**
 * The one source registry and the one other target registry of a copy, for credentialScope, from
 * image references (tags and digests allowed): none when they cannot be told apart that simply (a
 * bad name, which the step reports itself naming its input; several registries on either side,
 * where username and password keep applying everywhere).
 */
function registriesOf(sources, targets) {
    try {
        const registry = (ref) => (0,_packages_tagging_image_js__WEBPACK_IMPORTED_MODULE_1__/* .parseImageRef */ .Q)(ref.trim(), 'image').registry;
        const from = new Set(sources.map(registry));
        const to = new Set(targets.flatMap((t) => (t ? [registry(t)] : [])));
        for (const r of from)
            to.delete(r);
        return from.size === 1 && to.size === 1 ? { source: [...from][0], target: [...to][0] } : {};
    }
    catch {
        return {};
    }
}
/** The registries of a promotion: its images and their to-images (a release train's included). */
function promotionRegistries(request) {
    const members = [request, ...(request.train ?? [])];
    return registriesOf(members.map((m) => m.image), members.map((m) => m.toImage));
}


/***/ }),

/***/ 7600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ registryClients)
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


/***/ }),

/***/ 370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  "default": () => (/* binding */ pLimit)
});

// UNUSED EXPORTS: limitFunction

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}


/***/ })

};
