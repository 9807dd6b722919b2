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
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_4__/* .parseImageRef */ .Q)(opts.image, '--image');
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


/***/ })

};
