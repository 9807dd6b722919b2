export const id = 955;
export const ids = [955];
export const modules = {

/***/ 6955:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   El: () => (/* binding */ writeKit),
/* harmony export */   Sz: () => (/* binding */ fluxKit),
/* harmony export */   X$: () => (/* binding */ kitPolicy),
/* harmony export */   _h: () => (/* binding */ validateGitUrl),
/* harmony export */   e9: () => (/* binding */ formatKit),
/* harmony export */   l: () => (/* binding */ kitEnvironments),
/* harmony export */   p0: () => (/* binding */ DEFAULT_ENVIRONMENTS),
/* harmony export */   vq: () => (/* binding */ ENVIRONMENT_LABEL)
/* harmony export */ });
/* unused harmony exports DEFAULT_KIT_NAMESPACE, DEFAULT_GIT_SECRET, DEFAULT_GIT_BRANCH, WRITE_BACK_REPOSITORY, BOOTSTRAP_DIR, appDir, validateKubernetesName, policyName, setterMarker */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4715);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5141);
/* harmony import */ var _manifests_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7933);
/**
 * The Flux image automation kit: the `image.toolkit.fluxcd.io/v1` objects of one application in the
 * GitOps repository's layout, with every pattern taken from the tagging library. API references:
 * https://fluxcd.io/flux/components/image/imagerepositories/,
 * https://fluxcd.io/flux/components/image/imagepolicies/,
 * https://fluxcd.io/flux/components/image/imageupdateautomations/ and
 * https://fluxcd.io/flux/components/source/gitrepositories/.
 */







const DEFAULT_ENVIRONMENTS = ['develop', 'staging', 'production'];
const DEFAULT_KIT_NAMESPACE = 'flux-system';
/** The Secret `flux bootstrap` creates with the deploy key; it must allow pushes for the automation. */
const DEFAULT_GIT_SECRET = 'flux-system';
const DEFAULT_GIT_BRANCH = 'main';
/** The label the kit sets on each ImagePolicy: automations select their policy by it, verify names environments by it. */
const ENVIRONMENT_LABEL = 'gitops-promote/environment';
const NAME_LABEL = 'app.kubernetes.io/name';
/** Shared by every application's automations, so the kit writes the same file for each. */
const WRITE_BACK_REPOSITORY = 'image-automation';
const BOOTSTRAP_DIR = 'flux/bootstrap/infrastructure/image-automation';
const appDir = (name, env) => `flux/apps/${name}/${env}`;
/** Kubernetes object names and label values: an RFC 1123 label (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MAX = 63;
const DNS_LABEL_ACCEPTED = 'lowercase letters, digits and "-", starting and ending with a letter or digit';
function validateKubernetesName(value, input, maxLength = DNS_LABEL_MAX) {
    const accepted = `${DNS_LABEL_ACCEPTED}, at most ${maxLength} characters, e.g. backend`;
    if (value === '')
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, value, accepted, 'it is empty');
    if (value.length > maxLength)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, value, accepted, `it has ${value.length} characters`);
    if (!DNS_LABEL.test(value)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, value, accepted, /[A-Z]/.test(value) && DNS_LABEL.test(value.toLowerCase()) ? 'it has upper-case letters' : undefined);
    }
    return value;
}
const GIT_URL_ACCEPTED = 'the GitOps repository as Flux clones it: ssh://git@host/org/repo.git, https://host/org/repo.git, or git@host:org/repo.git (turned into the ssh:// form Flux requires); no password in it';
/**
 * Flux's GitRepository takes `http(s)://` and `ssh://` URLs only
 * (https://fluxcd.io/flux/components/source/gitrepositories/#url); the scp-like form git prints for
 * `git remote get-url` is rewritten. Credentials belong in the secret, never in Git.
 */
function validateGitUrl(value, input = '--git-url') {
    const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/)(.+)$/.exec(value);
    const url = scp ? `ssh://${scp[1]}@${scp[2]}/${scp[3]}` : value;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, value, GIT_URL_ACCEPTED, value === '' ? 'it is empty' : 'it is not a URL');
    }
    if (!['ssh:', 'https:', 'http:'].includes(parsed.protocol)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, value, GIT_URL_ACCEPTED, `Flux does not clone ${parsed.protocol}// URLs`);
    }
    if (parsed.password !== '') {
        const shown = new URL(url);
        shown.password = '***';
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, shown.href, GIT_URL_ACCEPTED, 'it holds a password; put credentials in the secret');
    }
    if (parsed.hostname === '' || parsed.pathname === '/' || parsed.pathname === '') {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, value, GIT_URL_ACCEPTED, 'it names no repository path');
    }
    return url;
}
const GIT_BRANCH = /^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$)[A-Za-z0-9._/-]+$/;
function validateKit(opts) {
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_4__.parseImageRef)(opts.image, '--image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('--image', opts.image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend', 'the policies pick the tag');
    }
    const environments = [...(opts.environments?.length ? opts.environments : DEFAULT_ENVIRONMENTS)].map((e) => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_5__/* .validateEnvironment */ .qQ)(e, '--env'));
    const longest = Math.max(...environments.map((e) => e.length));
    // `<name>-<env>` names each policy and automation and must itself be a label.
    const name = validateKubernetesName(opts.name, '--name', DNS_LABEL_MAX - 1 - longest);
    const namespace = validateKubernetesName(opts.namespace ?? DEFAULT_KIT_NAMESPACE, '--namespace');
    const gitBranch = opts.gitBranch ?? DEFAULT_GIT_BRANCH;
    if (!GIT_BRANCH.test(gitBranch)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('--git-branch', gitBranch, 'a git branch name, e.g. main');
    }
    const gitSecret = validateKubernetesName(opts.gitSecret ?? DEFAULT_GIT_SECRET, '--git-secret');
    const registrySecret = opts.registrySecret !== undefined ? validateKubernetesName(opts.registrySecret, '--registry-secret') : undefined;
    return {
        image: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_4__/* .formatImageRef */ .kL)(ref),
        name,
        namespace,
        environments: [...new Set(environments)],
        gitUrl: validateGitUrl(opts.gitUrl),
        gitBranch,
        gitSecret,
        ...(registrySecret ? { registrySecret } : {}),
        currentTags: opts.currentTags ?? {},
    };
}
/** Checks every option as `fluxKit` does and returns the environments the kit writes. */
function kitEnvironments(options) {
    return validateKit(options).environments;
}
const policyName = (name, env) => `${name}-${env}`;
/** The selection each environment's ImagePolicy of the kit makes: the tag scheme's pattern, `$ts`, numerical ascending. */
function kitPolicy(env) {
    return { pattern: (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_5__/* .fluxPattern */ .CY)(env), extract: _tagging_tags_js__WEBPACK_IMPORTED_MODULE_5__/* .FLUX_EXTRACT */ .Mb, policy: 'numerical', order: 'asc' };
}
/** The marker image-automation-controller rewrites: the full reference of the named policy. */
function setterMarker(namespace, policy) {
    return JSON.stringify({ [_manifests_js__WEBPACK_IMPORTED_MODULE_6__/* .SETTER_KEY */ .i1]: `${namespace}:${policy}` }).replace('":"', '": "');
}
function yamlText(value, edit) {
    const doc = new yaml__WEBPACK_IMPORTED_MODULE_2__/* .Document */ .yo(value, { aliasDuplicateObjects: false });
    edit?.(doc);
    return doc.toString({ lineWidth: 0 });
}
function quoted(doc, path) {
    const node = doc.getIn(path, true);
    if (node instanceof yaml__WEBPACK_IMPORTED_MODULE_2__/* .Scalar */ .X5)
        node.type = yaml__WEBPACK_IMPORTED_MODULE_2__/* .Scalar */ .X5.QUOTE_SINGLE;
}
function kustomization(resources, patches = []) {
    return yamlText({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources,
        ...(patches.length ? { patches: patches.map((path) => ({ path })) } : {}),
    });
}
/**
 * The kit's files for one application. Pure: what is on disk is `writeKit`'s business.
 *
 * One ImageUpdateAutomation per environment, each limited by `update.path` to its environment's
 * folder and by `policySelector` to its environment's policy, so each environment can be suspended
 * alone (the README's rollback path) and a run for develop never touches production's files.
 */
function fluxKit(options) {
    const k = validateKit(options);
    const files = [];
    const repositoryFile = `image-repository-${k.name}.yaml`;
    files.push({
        path: `${BOOTSTRAP_DIR}/${repositoryFile}`,
        mode: 'managed',
        content: yamlText({
            apiVersion: _manifests_js__WEBPACK_IMPORTED_MODULE_6__/* .IMAGE_API_VERSION */ .cE,
            kind: 'ImageRepository',
            metadata: { name: k.name, namespace: k.namespace, labels: { [NAME_LABEL]: k.name } },
            spec: {
                image: k.image,
                interval: '5m',
                ...(k.registrySecret ? { secretRef: { name: k.registrySecret } } : {}),
            },
        }),
    });
    files.push({
        path: `${BOOTSTRAP_DIR}/git-repository.yaml`,
        mode: 'managed',
        content: yamlText({
            apiVersion: 'source.toolkit.fluxcd.io/v1',
            kind: 'GitRepository',
            metadata: { name: WRITE_BACK_REPOSITORY, namespace: k.namespace },
            spec: {
                interval: '5m',
                url: k.gitUrl,
                ref: { branch: k.gitBranch },
                secretRef: { name: k.gitSecret },
            },
        }),
    });
    files.push({
        path: `${BOOTSTRAP_DIR}/kustomization.yaml`,
        mode: 'kustomization',
        content: kustomization(['git-repository.yaml', repositoryFile]),
    });
    const base = `flux/apps/${k.name}/base`;
    const labels = { [NAME_LABEL]: k.name };
    files.push({
        path: `${base}/deployment.yaml`,
        mode: 'scaffold',
        content: yamlText({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: k.name, labels },
            spec: {
                selector: { matchLabels: labels },
                template: { metadata: { labels }, spec: { containers: [{ name: k.name, image: k.image }] } },
            },
        }),
    });
    files.push({
        path: `${base}/kustomization.yaml`,
        mode: 'kustomization',
        content: kustomization(['deployment.yaml']),
    });
    for (const env of k.environments) {
        const dir = appDir(k.name, env);
        const policy = policyName(k.name, env);
        const policyLabels = { [NAME_LABEL]: k.name, [ENVIRONMENT_LABEL]: env };
        const selection = kitPolicy(env);
        files.push({
            path: `${dir}/image-policy.yaml`,
            mode: 'managed',
            content: yamlText({
                apiVersion: _manifests_js__WEBPACK_IMPORTED_MODULE_6__/* .IMAGE_API_VERSION */ .cE,
                kind: 'ImagePolicy',
                metadata: { name: policy, namespace: k.namespace, labels: policyLabels },
                spec: {
                    imageRepositoryRef: { name: k.name },
                    filterTags: { pattern: selection.pattern, extract: selection.extract },
                    policy: { [selection.policy]: { order: selection.order } },
                },
            }, (doc) => {
                quoted(doc, ['spec', 'filterTags', 'pattern']);
                quoted(doc, ['spec', 'filterTags', 'extract']);
            }),
        });
        files.push({
            path: `${dir}/image-update-automation.yaml`,
            mode: 'managed',
            content: yamlText({
                apiVersion: _manifests_js__WEBPACK_IMPORTED_MODULE_6__/* .IMAGE_API_VERSION */ .cE,
                kind: 'ImageUpdateAutomation',
                metadata: { name: policy, namespace: k.namespace, labels: policyLabels },
                spec: {
                    interval: '30m',
                    sourceRef: { kind: 'GitRepository', name: WRITE_BACK_REPOSITORY },
                    git: {
                        checkout: { ref: { branch: k.gitBranch } },
                        commit: {
                            author: { name: 'fluxcdbot', email: 'fluxcdbot@users.noreply.github.com' },
                            // `.Changed.Changes` is the template data of image-automation-controller v1 (`Updated` was removed).
                            messageTemplate: `Deploy ${k.name} to ${env}\n\n{{ range .Changed.Changes -}}\n- {{ .OldValue }} -> {{ .NewValue }}\n{{ end -}}\n`,
                        },
                        push: { branch: k.gitBranch },
                    },
                    update: { strategy: 'Setters', path: `./${dir}` },
                    policySelector: { matchLabels: policyLabels },
                },
            }),
        });
        const tag = k.currentTags[env] ?? env;
        files.push({
            path: `${dir}/deployment-image.yaml`,
            mode: 'managed',
            content: yamlText({
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                metadata: { name: k.name },
                spec: { template: { spec: { containers: [{ name: k.name, image: `${k.image}:${tag}` }] } } },
            }, (doc) => {
                const node = doc.getIn(['spec', 'template', 'spec', 'containers', 0, 'image'], true);
                if (node instanceof yaml__WEBPACK_IMPORTED_MODULE_2__/* .Scalar */ .X5)
                    node.comment = ` ${setterMarker(k.namespace, policy)}`;
            }),
        });
        files.push({
            path: `${dir}/kustomization.yaml`,
            mode: 'kustomization',
            content: kustomization(['../base', 'image-policy.yaml', 'image-update-automation.yaml'], ['deployment-image.yaml']),
        });
    }
    return files;
}
/** The files as one YAML stream, each headed by its path: what `flux` prints without `--out`. */
function formatKit(files) {
    return files.map((f) => `---\n# ${f.path}\n${f.content}`).join('');
}
async function readIfPresent(path) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
}
/**
 * Adds the kit's `resources` and `patches` entries to an existing kustomization.yaml, keeping the
 * rest (other applications' entries, the user's comments). `undefined` when it cannot be read as a
 * kustomization, so the caller treats it as a differing file.
 */
function mergeKustomization(existing, ours) {
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseDocument */ .Tp)(existing);
    if (doc.errors.length)
        return undefined;
    const wanted = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseDocument */ .Tp)(ours).toJS();
    const contents = doc.toJS();
    if (!contents || typeof contents !== 'object' || Array.isArray(contents))
        return undefined;
    const addTo = (key, entries, same) => {
        if (entries.length === 0)
            return true;
        let seq = doc.get(key, true);
        if (seq === undefined || seq === null) {
            doc.set(key, new yaml__WEBPACK_IMPORTED_MODULE_2__/* .YAMLSeq */ .Rw());
            seq = doc.get(key, true);
        }
        if (!(seq instanceof yaml__WEBPACK_IMPORTED_MODULE_2__/* .YAMLSeq */ .Rw))
            return false;
        const have = seq.toJSON() ?? [];
        for (const entry of entries)
            if (!have.some((h) => same(h, entry)))
                seq.add(doc.createNode(entry));
        return true;
    };
    const samePatch = (a, b) => typeof a === 'object' && a !== null && a.path === b.path;
    if (!addTo('resources', wanted.resources ?? [], (a, b) => a === b))
        return undefined;
    if (!addTo('patches', wanted.patches ?? [], samePatch))
        return undefined;
    return doc.toString({ lineWidth: 0 });
}
/** The scalar before a setter marker: the value image-automation-controller owns once the kit is in Git. */
const MARKED_VALUE = /(:[ \t]+)[^\s#][^#\n]*?([ \t]+#[ \t]*\{"\$imagepolicy")/g;
/** Equal but for the values of setter markers, which Flux moves after every new pick. */
function sameButMarkerValues(a, b) {
    const strip = (text) => text.replace(MARKED_VALUE, '$1<marker>$2');
    return a.includes('"$imagepolicy"') && strip(a) === strip(b);
}
/**
 * Writes the kit below `root`. A setter marker's value is Flux's once written: a file that differs
 * only there counts as unchanged and keeps Flux's value. A managed file that exists with other content is refused unless
 * `force`, and then nothing at all is written: the check runs over every file first.
 */
async function writeKit(root, files, opts = {}) {
    const plan = [];
    const differing = [];
    for (const file of files) {
        const existing = await readIfPresent((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, file.path));
        if (existing === undefined) {
            plan.push({ file, state: 'created', content: file.content });
        }
        else if (existing === file.content || sameButMarkerValues(existing, file.content)) {
            plan.push({ file, state: 'unchanged', content: existing });
        }
        else if (file.mode === 'scaffold') {
            plan.push({ file, state: 'kept', content: existing });
        }
        else {
            const merged = file.mode === 'kustomization' ? mergeKustomization(existing, file.content) : undefined;
            if (merged !== undefined) {
                plan.push({ file, state: merged === existing ? 'unchanged' : 'merged', content: merged });
            }
            else {
                differing.push(file.path);
                plan.push({ file, state: 'overwritten', content: file.content });
            }
        }
    }
    if (differing.length && !opts.force) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RefusedError */ .fk(`${differing.length} file${differing.length > 1 ? 's' : ''} of the kit already exist${differing.length > 1 ? '' : 's'} with other content: ${differing.join(', ')}. Nothing was written. Compare them with the kit (run without --out to print it), or run again with --force to overwrite them.`);
    }
    for (const p of plan) {
        if (p.state === 'unchanged' || p.state === 'kept')
            continue;
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, p.file.path);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, p.content);
    }
    return plan.map((p) => ({ path: p.file.path, state: p.state }));
}


/***/ }),

/***/ 7933:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pb: () => (/* binding */ readGitOpsRepository),
/* harmony export */   cE: () => (/* binding */ IMAGE_API_VERSION),
/* harmony export */   de: () => (/* binding */ selectorMatches),
/* harmony export */   i1: () => (/* binding */ SETTER_KEY),
/* harmony export */   qX: () => (/* binding */ pathCovers)
/* harmony export */ });
/* unused harmony exports IMAGE_API_GROUP, DEFAULT_NAMESPACE, parseSetter, normalizeUpdatePath, parseManifests */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/**
 * Reading a GitOps repository as Flux's controllers read it: the image automation objects
 * (`image.toolkit.fluxcd.io`) and the setter markers that image-automation-controller rewrites.
 * Sources: https://fluxcd.io/flux/components/image/ and
 * https://github.com/fluxcd/image-automation-controller/blob/main/internal/update/setters.go.
 */



/** The API group of ImageRepository, ImagePolicy and ImageUpdateAutomation. */
const IMAGE_API_GROUP = 'image.toolkit.fluxcd.io';
/** The only version image-reflector-controller and image-automation-controller serve since v1.2.0. */
const IMAGE_API_VERSION = `${IMAGE_API_GROUP}/v1`;
/** The key of a setter marker (image-automation-controller `internal/constants/constants.go`). */
const SETTER_KEY = '$imagepolicy';
/**
 * image-automation-controller parses only files that contain the key with its quotes
 * (`internal/update/filereader.go`); the same screen keeps other YAML (Helm templates) unread here.
 */
const SETTER_SCREEN = JSON.stringify(SETTER_KEY);
/**
 * Where an object whose manifest names no namespace is assumed to live when no kustomization.yaml of
 * its folder sets one: Flux's own objects live in `flux-system` (https://fluxcd.io/flux/installation/).
 */
const DEFAULT_NAMESPACE = 'flux-system';
const SUFFIXES = ['tag', 'name', 'digest'];
/**
 * A marker's value as image-automation-controller defines its setters: `<namespace>:<name>` for
 * the whole reference and `<namespace>:<name>:tag|name|digest` for one part
 * (https://github.com/fluxcd/image-automation-controller/blob/main/internal/update/setters.go).
 */
function parseSetter(setter) {
    const parts = setter.split(':');
    if (parts.length === 2 && parts[0] && parts[1])
        return { policy: { namespace: parts[0], name: parts[1] }, form: 'image' };
    if (parts.length === 3 && parts[0] && parts[1] && SUFFIXES.includes(parts[2])) {
        return { policy: { namespace: parts[0], name: parts[1] }, form: parts[2] };
    }
    return { form: 'image' };
}
/** The JSON of a line comment when it is a setter marker (kyaml reads the comment as JSON). */
function markerOf(comment) {
    const first = comment.split('\n')[0].trim();
    if (!first.startsWith('{'))
        return undefined;
    try {
        const value = JSON.parse(first);
        if (value && typeof value === 'object' && !Array.isArray(value)) {
            const setter = value[SETTER_KEY];
            if (typeof setter === 'string')
                return setter;
        }
    }
    catch {
        return undefined;
    }
    return undefined;
}
function str(v) {
    return typeof v === 'string' ? v : undefined;
}
function record(v) {
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}
function stringMap(v) {
    const out = {};
    for (const [k, x] of Object.entries(record(v)))
        if (typeof x === 'string')
            out[k] = x;
    return out;
}
/** `./flux/apps/x/` → `flux/apps/x`; `./` or none → `''`. */
function normalizeUpdatePath(path) {
    const normal = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(`/${path ?? ''}`).replace(/^\/+|\/+$/g, '');
    return normal === '.' ? '' : normal;
}
function documentLine(doc, lines) {
    const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
    return lines.linePos(start).line;
}
/**
 * The image objects and setter markers of one YAML file (every document of it). `defaultNamespace`
 * is the namespace for objects whose metadata names none.
 */
function parseManifests(text, file, defaultNamespace = DEFAULT_NAMESPACE) {
    const out = { repositories: [], policies: [], automations: [], markers: [], problems: [] };
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_2__/* .LineCounter */ .HN();
    const docs = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseAllDocuments */ .hR)(text, { lineCounter: lines, uniqueKeys: false });
    if (!Array.isArray(docs))
        return out; // an empty stream
    for (const doc of docs) {
        if (doc.errors.length > 0) {
            const error = doc.errors[0];
            out.problems.push({ at: { file, line: lines.linePos(error.pos[0]).line }, message: `YAML: ${error.message}` });
            continue;
        }
        (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .visit */ .YR)(doc, {
            Scalar(_key, node) {
                if (!node.comment || node.range === undefined || node.range === null)
                    return;
                const setter = markerOf(node.comment);
                if (setter === undefined)
                    return;
                const value = node.value === null || node.value === undefined ? '' : String(node.value);
                out.markers.push({
                    at: { file, line: lines.linePos(node.range[0]).line },
                    setter,
                    value,
                    ...parseSetter(setter),
                });
            },
        });
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .isMap */ .jh)(doc.contents))
            continue;
        const obj = record(doc.toJS());
        const apiVersion = str(obj.apiVersion) ?? '';
        if (!apiVersion.startsWith(`${IMAGE_API_GROUP}/`))
            continue;
        const at = { file, line: documentLine(doc, lines) };
        const metadata = record(obj.metadata);
        const name = str(metadata.name);
        const kind = str(obj.kind);
        if (!name) {
            out.problems.push({ at, message: `${kind ?? 'an object'} of ${apiVersion} has no metadata.name` });
            continue;
        }
        const meta = {
            name,
            namespace: str(metadata.namespace) || defaultNamespace,
            labels: stringMap(metadata.labels),
            apiVersion,
            at,
        };
        const spec = record(obj.spec);
        const suspend = spec.suspend === true;
        if (kind === 'ImageRepository') {
            out.repositories.push({ ...meta, kind, image: str(spec.image) ?? '', suspend });
        }
        else if (kind === 'ImagePolicy') {
            out.policies.push(policyOf(meta, spec));
        }
        else if (kind === 'ImageUpdateAutomation') {
            const update = record(spec.update);
            const selector = record(spec.policySelector);
            const status = record(obj.status);
            out.automations.push({
                ...meta,
                kind,
                path: normalizeUpdatePath(str(update.path)),
                suspend,
                ...(Object.keys(selector).length ? { policySelector: selector } : {}),
                conditions: (Array.isArray(status.conditions) ? status.conditions : [])
                    .map(record)
                    .filter((c) => typeof c.type === 'string' && typeof c.status === 'string')
                    .map((c) => ({
                    type: c.type,
                    status: c.status,
                    ...(str(c.reason) ? { reason: str(c.reason) } : {}),
                    ...(str(c.message) ? { message: str(c.message) } : {}),
                })),
            });
        }
    }
    return out;
}
/** `spec` of an ImagePolicy (https://github.com/fluxcd/image-reflector-controller/blob/main/api/v1/imagepolicy_types.go). */
function policyOf(meta, spec) {
    const ref = record(spec.imageRepositoryRef);
    const choice = record(spec.policy);
    const set = ['numerical', 'alphabetical', 'semver'].filter((k) => choice[k] !== undefined);
    let policy;
    if (set.length !== 1) {
        policy = {
            invalid: set.length === 0
                ? 'spec.policy sets none of numerical, alphabetical, semver'
                : `spec.policy sets ${set.join(' and ')}; Flux takes exactly one`,
        };
    }
    else {
        const kind = set[0];
        const body = record(choice[kind]);
        policy =
            kind === 'semver'
                ? { kind, ...(str(body.range) !== undefined ? { range: str(body.range) } : {}) }
                : { kind, ...(str(body.order) !== undefined ? { order: str(body.order) } : {}) };
    }
    const filter = spec.filterTags === undefined || spec.filterTags === null ? undefined : record(spec.filterTags);
    const reflection = str(spec.digestReflectionPolicy);
    return {
        ...meta,
        kind: 'ImagePolicy',
        repositoryRef: { name: str(ref.name) ?? '', namespace: str(ref.namespace) || meta.namespace },
        ...(filter ? { filterTags: { pattern: str(filter.pattern) ?? '', extract: str(filter.extract) ?? '' } } : {}),
        policy,
        digestReflectionPolicy: reflection === 'Always' || reflection === 'IfNotPresent' ? reflection : 'Never',
        suspend: spec.suspend === true,
    };
}
function isYamlFile(name) {
    return name.endsWith('.yaml') || name.endsWith('.yml');
}
/** The `namespace:` a kustomization.yaml in `dir` sets for the objects it lists, if any. */
async function kustomizationNamespace(dir) {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
        let text;
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name), 'utf8');
        }
        catch {
            continue;
        }
        const docs = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseAllDocuments */ .hR)(text);
        if (!Array.isArray(docs) || docs.length === 0 || docs[0].errors.length)
            return undefined;
        const ns = docs[0].get('namespace');
        return typeof ns === 'string' && ns !== '' ? ns : undefined;
    }
    return undefined;
}
/**
 * Every YAML file below `root` (hidden folders such as `.git` and `node_modules` skipped) that holds
 * an image automation object or a setter marker, parsed. Files are read in path order so the result
 * does not depend on the file system.
 */
async function readGitOpsRepository(root) {
    const out = { repositories: [], policies: [], automations: [], markers: [], problems: [] };
    const walk = async (dir) => {
        const entries = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
        let namespace;
        for (const entry of entries) {
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, entry.name);
            if (entry.isDirectory()) {
                if (!entry.name.startsWith('.') && entry.name !== 'node_modules')
                    await walk(path);
                continue;
            }
            if (!entry.isFile() || !isYamlFile(entry.name))
                continue;
            const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
            if (!text.includes(SETTER_SCREEN) && !text.includes(`${IMAGE_API_GROUP}/`))
                continue;
            namespace ??= kustomizationNamespace(dir);
            const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
            const found = parseManifests(text, file, (await namespace) ?? DEFAULT_NAMESPACE);
            out.repositories.push(...found.repositories);
            out.policies.push(...found.policies);
            out.automations.push(...found.automations);
            out.markers.push(...found.markers);
            out.problems.push(...found.problems);
        }
    };
    await walk(root);
    return out;
}
/** Kubernetes label selector semantics (`matchLabels` and `matchExpressions`, ANDed). */
function selectorMatches(selector, labels) {
    if (!selector)
        return true;
    for (const [k, v] of Object.entries(selector.matchLabels ?? {}))
        if (labels[k] !== v)
            return false;
    for (const e of selector.matchExpressions ?? []) {
        const has = Object.prototype.hasOwnProperty.call(labels, e.key);
        const values = e.values ?? [];
        switch (e.operator) {
            case 'In':
                if (!has || !values.includes(labels[e.key]))
                    return false;
                break;
            case 'NotIn':
                if (has && values.includes(labels[e.key]))
                    return false;
                break;
            case 'Exists':
                if (!has)
                    return false;
                break;
            case 'DoesNotExist':
                if (has)
                    return false;
                break;
            default:
                return false;
        }
    }
    return true;
}
/** Whether a file (relative to the root) lies below an automation's `spec.update.path`. */
function pathCovers(updatePath, file) {
    return updatePath === '' || file === updatePath || file.startsWith(`${updatePath}/`);
}


/***/ }),

/***/ 5141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CY: () => (/* binding */ fluxPattern),
/* harmony export */   LY: () => (/* binding */ validateShaLength),
/* harmony export */   Mb: () => (/* binding */ FLUX_EXTRACT),
/* harmony export */   Pj: () => (/* binding */ validateVersion),
/* harmony export */   ek: () => (/* binding */ parseImmutableTag),
/* harmony export */   eo: () => (/* binding */ nextTimestamp),
/* harmony export */   m5: () => (/* binding */ buildTags),
/* harmony export */   qQ: () => (/* binding */ validateEnvironment),
/* harmony export */   sC: () => (/* binding */ formatImmutableTag),
/* harmony export */   xt: () => (/* binding */ validateSha),
/* harmony export */   xw: () => (/* binding */ validateTimestamp),
/* harmony export */   z7: () => (/* binding */ validateTag)
/* harmony export */ });
/* unused harmony exports ENV_GRAMMAR, MAX_ENVIRONMENT_LENGTH, newestTimestamp */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _image_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1895);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1251);



/** No dash: the immutable tag is split on dashes, and Flux's pattern starts with `^<env>-v`. */
const ENV_GRAMMAR = /^[a-z][a-z0-9]*$/;
/**
 * The longest environment name: with it, the longest immutable tag there can be (three 16-digit
 * version numbers, the largest semver takes here, a 40-character sha, a 10-digit ts) is exactly 128
 * characters, the most an OCI tag may have
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests), so no
 * valid build or promotion can make a tag a registry refuses. README "Choices".
 */
const MAX_ENVIRONMENT_LENGTH = 24;
const ENV_ACCEPTED = `a lowercase letter followed by lowercase letters or digits, at most ${MAX_ENVIRONMENT_LENGTH} characters, e.g. develop, staging, production`;
const VERSION_ACCEPTED = 'MAJOR.MINOR.PATCH without leading zeros, optionally with a leading v, e.g. 1.4.2 or v1.4.2';
const SHA_LENGTH_ACCEPTED = 'an integer from 7 to 40';
const TIMESTAMP_ACCEPTED = 'Unix time in seconds: 10 digits, no leading zero, e.g. 1738860123';
const TAG_ACCEPTED = 'an OCI tag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, at most 128 characters';
const MIN_SHA = 7;
const MAX_SHA = 40;
/** A git SHA-256 object name; longer hex is not a commit. */
const MAX_COMMIT_HEX = 64;
const PLAIN_VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
/**
 * Exactly the tags Flux's policy for some environment matches (`fluxPattern`): the digit runs and
 * the sha are as loose as Flux's `[0-9]+` and `[a-f0-9]+`, so that every tag Flux could select
 * takes part in `newestTimestamp`.
 */
const IMMUTABLE_SHAPE = /^([a-z][a-z0-9]*)-v([0-9]+\.[0-9]+\.[0-9]+)-([a-f0-9]+)-([0-9]+)$/;
function validateEnvironment(env, input = 'environment') {
    if (ENV_GRAMMAR.test(env) && env.length <= MAX_ENVIRONMENT_LENGTH)
        return env;
    let reason;
    if (env === '')
        reason = 'it is empty';
    else if (ENV_GRAMMAR.test(env))
        reason = `it has ${env.length} characters, more than ${MAX_ENVIRONMENT_LENGTH}, so the immutable tag <env>-v<version>-<sha>-<ts> could pass the 128 characters of an OCI tag`;
    else if (env.includes('-'))
        reason = 'it contains "-", and the immutable tag <env>-v<version>-<sha>-<ts> is split on dashes';
    else if (/[A-Z]/.test(env) && ENV_GRAMMAR.test(env.toLowerCase()))
        reason = 'it has upper-case letters';
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, env, ENV_ACCEPTED, reason);
}
function validateVersion(version, input = 'version') {
    const plain = version.startsWith('v') ? version.slice(1) : version;
    if (PLAIN_VERSION.test(plain)) {
        if (plain.split('.').every((n) => Number.isSafeInteger(Number(n))))
            return plain;
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, version, VERSION_ACCEPTED, 'a number is too large for semver');
    }
    let reason;
    const suffixed = /^([0-9]+\.[0-9]+\.[0-9]+)[-+]/.exec(plain);
    if (suffixed) {
        reason =
            "a prerelease or build suffix is not allowed: Flux's pattern <env>-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-<ts> would not match the tag";
    }
    else if (/^[0-9]+\.[0-9]+\.[0-9]+$/.test(plain)) {
        reason = 'semver forbids leading zeros';
    }
    else if (version === '') {
        reason = 'it is empty';
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, version, VERSION_ACCEPTED, reason);
}
function validateShaLength(length, input = 'sha-length') {
    const text = String(length);
    if (/^[0-9]+$/.test(text)) {
        const n = Number(text);
        if (n >= MIN_SHA && n <= MAX_SHA)
            return n;
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, text, SHA_LENGTH_ACCEPTED);
}
function validateSha(sha, length = MIN_SHA, input = 'sha') {
    const size = validateShaLength(length);
    const accepted = `a hexadecimal commit sha of at least ${size} characters (the full 40-character sha is fine)`;
    if (!/^[0-9a-fA-F]+$/.test(sha)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, sha === '' ? 'it is empty' : 'it is not hexadecimal');
    }
    if (sha.length < size) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, `it has ${sha.length} characters`);
    }
    if (sha.length > MAX_COMMIT_HEX) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, `it has ${sha.length} characters, more than a commit sha`);
    }
    return sha.slice(0, size).toLowerCase();
}
function validateTimestamp(ts, input = 'timestamp') {
    const text = String(ts);
    if (/^[1-9][0-9]{9}$/.test(text))
        return Number(text);
    let reason;
    if (/^[0-9]{13}$/.test(text)) {
        reason =
            "it has 13 digits, so it looks like milliseconds; a millisecond tag outranks every second tag in Flux's numerical policy, so use seconds (date +%s, Math.floor(Date.now() / 1000))";
    }
    else if (/^[0-9]+$/.test(text)) {
        reason = text.startsWith('0') ? 'it has a leading zero' : `it has ${text.length} digits`;
    }
    else if (text === '') {
        reason = 'it is empty';
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, text, TIMESTAMP_ACCEPTED, reason);
}
function validateTag(tag, input = 'tags') {
    if (_common_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.test(tag))
        return tag;
    let reason;
    if (tag === '')
        reason = 'it is empty';
    else if (tag.length > 128)
        reason = `it is ${tag.length} characters long`;
    else if (!/^[A-Za-z0-9_]/.test(tag))
        reason = `it starts with ${JSON.stringify(tag[0])}`;
    else {
        const bad = [...tag].find((c) => !/[A-Za-z0-9._-]/.test(c));
        if (bad !== undefined)
            reason = `it contains ${JSON.stringify(bad)}`;
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, tag, TAG_ACCEPTED, reason);
}
/** The sha part of an immutable tag: already short, lowercase hex, 7 to 40 characters. */
function validateTagSha(sha, input) {
    if (/^[0-9a-fA-F]+$/.test(sha) && sha.length >= MIN_SHA && sha.length <= MAX_SHA)
        return sha.toLowerCase();
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, `hexadecimal, ${MIN_SHA} to ${MAX_SHA} characters`);
}
function formatImmutableTag(t) {
    const env = validateEnvironment(t.env);
    const version = validateVersion(t.version);
    const sha = validateTagSha(t.sha, 'sha');
    const ts = validateTimestamp(t.ts);
    return validateTag(`${env}-v${version}-${sha}-${ts}`, 'tag');
}
/**
 * `undefined` for aliases, sha tags and anything else Flux's environment patterns would not match.
 * Parts are as loose as Flux's pattern (`ts` read as a number, as Flux's numerical policy does), so
 * a parsed tag may still be refused by `formatImmutableTag`.
 */
function parseImmutableTag(tag) {
    const m = IMMUTABLE_SHAPE.exec(tag);
    if (!m)
        return undefined;
    return { env: m[1], version: m[2], sha: m[3], ts: Number(m[4]) };
}
/** The README's policy pattern, character for character (Go RE2 syntax: `(?P<ts>…)`). */
function fluxPattern(env) {
    return `^${validateEnvironment(env)}-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$`;
}
const FLUX_EXTRACT = '$ts';
function newestOf(tags, env) {
    let newest;
    for (const tag of tags) {
        const parsed = parseImmutableTag(tag);
        if (parsed?.env !== env)
            continue;
        if (newest === undefined || parsed.ts > newest.ts)
            newest = { tag, ts: parsed.ts };
    }
    return newest;
}
function newestTimestamp(tags, env) {
    return newestOf(tags, validateEnvironment(env))?.ts;
}
/**
 * `max(now, newest + 1)`: Flux breaks ties between equal timestamps by byte order, not by age, so
 * a new tag must be strictly newer than every tag of its environment.
 */
function nextTimestamp(nowSeconds, tags, env) {
    const now = validateTimestamp(Math.floor(nowSeconds), 'now');
    const newest = newestOf(tags, validateEnvironment(env));
    if (newest === undefined || newest.ts < now)
        return now;
    const next = newest.ts + 1;
    if (next > 9_999_999_999) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`Tag ${newest.tag} of environment ${env} has timestamp ${newest.ts}, which is not Unix seconds ` +
            `(milliseconds?). Flux's numerical policy ranks it above every 10-digit timestamp, so no new tag ` +
            `of ${env} could become the newest: delete that tag from the registry first.`);
    }
    return next;
}
function buildTags(opts) {
    const env = validateEnvironment(opts.env);
    const version = validateVersion(opts.version);
    const shaTag = validateSha(opts.sha, validateShaLength(opts.shaLength ?? MIN_SHA));
    const ts = validateTimestamp(opts.ts);
    const immutable = formatImmutableTag({ env, version, sha: shaTag, ts });
    const names = [];
    for (const image of opts.images) {
        const ref = (0,_image_js__WEBPACK_IMPORTED_MODULE_1__.parseImageRef)(image, 'images');
        if (ref.tag !== undefined || ref.digest !== undefined) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('images', image, 'image names without tag or digest, e.g. ghcr.io/org/backend', 'the tags are computed here, so the name must not carry one');
        }
        const name = (0,_image_js__WEBPACK_IMPORTED_MODULE_1__/* .formatImageRef */ .kL)(ref);
        if (!names.includes(name))
            names.push(name);
    }
    const refs = names.flatMap((name) => [`${name}:${env}`, `${name}:${immutable}`, `${name}:${shaTag}`]);
    return { alias: env, immutable, shaTag, refs };
}


/***/ })

};
