/**
 * The help of every command, apart from the commands' code so that `help` loads none of it. Each
 * text is complete on its own: `gitops-promote help plan` (or `plan --help`) prints one.
 */

const REGISTRY_FLAGS = `  --username U --password-stdin   registry credentials, the password on standard input; else
                                   REGISTRY_USERNAME and REGISTRY_PASSWORD, else the Docker config,
                                   else (for ghcr.io) REGISTRY_TOKEN, then GH_TOKEN or GITHUB_TOKEN
  --verbose                        debug lines on stderr (as GITOPS_PROMOTE_DEBUG=1, which also
                                   prints the stack of an unexpected error)`;

const GITHUB_FLAGS = `  --repository owner/name          the service repository (default: GITHUB_REPOSITORY)
  --time-budget MINUTES            how long the run may wait on GitHub rate limits and retries
                                   (default 10); past it, it stops and says when the limit resets
  GH_TOKEN or GITHUB_TOKEN         the GitHub token (GH_TOKEN first, as gh reads them);
                                   GITHUB_API_URL for GitHub Enterprise
${REGISTRY_FLAGS}`;

export const TAGS_USAGE = `gitops-promote tags --env E --version V --sha S [--ts T] [--sha-length N] [--image I]... [--json]
  Prints the tags of one build: alias, immutable tag and sha tag, one a line; with --image, full
  references for every image. --ts defaults to now (Unix seconds).
  Examples:
    gitops-promote tags --env develop --version 1.4.2 --sha a1b2c3d4e5f6
    gitops-promote tags --env staging --version 1.4.2 --sha a1b2c3d --image ghcr.io/acme/backend --json`;

export const LATEST_USAGE = `gitops-promote latest (--pattern P [--extract X] | --env E) [--policy numerical|alphabetical [--order asc|desc] | --policy semver --range R] [--image REF] [--json]
  Prints the tag Flux's ImagePolicy picks from the tags on standard input (one a line), or from the
  registry with --image. Exit 1 with Flux's own error where Flux would fail; exit 2 when there is
  nothing on standard input and no --image. --env E uses the pattern and extract of environment E
  in the gitops-promote scheme. --order and --range are checked as the ImagePolicy CRD checks them.
  A value may begin with "-" (--pattern -rc).
  With --image:
${REGISTRY_FLAGS}
  Examples:
    crane ls ghcr.io/acme/backend | gitops-promote latest --env staging
    gitops-promote latest --env production --image ghcr.io/acme/backend
    gitops-promote latest --pattern '^v' --policy semver --range '>=1.0.0' < tags.txt`;

export const PLAN_USAGE = `gitops-promote plan --image I [--to-image I] [--signatures copy|skip] [--extra-tag T]... [--source S] [--version V] [--from-env E] [--to-env E] [--bump patch|minor|major|none] [--repository owner/name] [--json]
  The pre-flight of a promotion: the source tag (--source latest, the default, is what Flux's
  staging policy picks), its digest and commit, the production tag, the release and the next
  version. Reads only. Exit 1 when the promotion would be refused. --to-image puts the production
  tags in another repository or registry (the image copied there, digest kept; --username then
  applies to the source's registry only).
${GITHUB_FLAGS}
  Examples:
    GH_TOKEN=$(gh auth token) gitops-promote plan --image ghcr.io/acme/backend --repository acme/backend
    gitops-promote plan --image ghcr.io/acme/backend --source v1.4.1 --json     # a rollback`;

export const PROMOTE_USAGE = `gitops-promote promote --image I [--to-image I] [--signatures copy|skip] [--extra-tag T]... [--source S] [--version V] [--from-env E] [--to-env E] [--bump L] [--repository owner/name] [--make-latest auto|true|false] [--no-notes] [--no-move-alias] [--dry-run] [--yes] [--json]
  Plans, proves push rights and that the alias can move, creates the tag vX.Y.Z at the shipped
  commit, copies the digest to the production alias and immutable tag, releases vX.Y.Z and records
  the next version; then prints what each step did and what Flux picks. Every step is idempotent:
  run it again to finish a failed promotion. --no-move-alias leaves the alias where it is (for
  registries whose tags cannot move; Flux follows the immutable tags). --to-image writes the
  production tags in another repository or registry: the image is copied there first (blobs
  mounted within a registry, streamed across registries, the digest kept), with its signatures and
  attestations unless --signatures skip. --image repeated is a release train: the images of one
  commit, each planned and proven before anything changes, one version, one release listing every
  image; --to-image then repeats too, one per --image in the same order. --extra-tag (repeated)
  writes more tags with the alias, from templates: {{version}}, {{major}}.{{minor}}, latest; one
  naming a full version never moves to another digest, the others move like the alias.
  --source vX.Y.Z or an earlier production tag rolls back (a new production tag for the old digest).
  At a terminal it says what it is about to change and asks first (the required reviewers of the
  workflow's \`environment: production\` are not asked when it is run by hand); --yes skips the
  question, and without a terminal (CI) nothing is asked. Answering no changes nothing (exit 1).
${GITHUB_FLAGS}
  Examples:
    gitops-promote promote --image ghcr.io/acme/backend --repository acme/backend --dry-run
    gitops-promote promote --image ghcr.io/acme/backend --source staging-v1.4.2-a1b2c3d-1738860123
    gitops-promote promote --image ghcr.io/acme/backend --source v1.4.1 --yes     # a rollback, no question
    gitops-promote promote --image ghcr.io/acme/backend-staging --to-image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/backend
    gitops-promote promote --image ghcr.io/acme/api --image ghcr.io/acme/worker --dry-run     # a release train`;

export const STATUS_USAGE = `gitops-promote status --image I [--env E]... [--repository owner/name] [--json]
  Per environment (default: develop, staging, production): the tag its Flux policy picks now, its
  digest, version and commit (the full commit with a GitHub token and repository), when it was
  tagged (UTC, and how long ago), and a warning when the environment's alias points elsewhere
  (drift). Exit 1 when an environment has nothing or the image does not exist.
${GITHUB_FLAGS}
  Examples:
    gitops-promote status --image ghcr.io/acme/backend
    gitops-promote status --image ghcr.io/acme/backend --env production --json`;

export const RETAG_USAGE = `gitops-promote retag SOURCE TAG... [--to-image I] [--signatures copy|skip] [--dry-run] [--username U] [--password-stdin] [--verbose] [--json]
  Copies the manifest of SOURCE (registry/repo:tag, registry/repo@sha256:..., or a bare digest
  found in each target's repository) byte for byte to every TAG (a tag of the source repository, of
  --to-image, or registry/repo:tag), in order. A TAG in another repository or registry gets the
  image first (blobs mounted within a registry, streamed across registries, the digest kept), and
  with it the image's signatures and attestations (OCI referrers, cosign .sig/.att/.sbom tags)
  unless --signatures skip. --username applies to the source's registry only. Prints
  "created|unchanged|moved REF" per tag, then "digest D"; with
  --dry-run, "would create|unchanged|would move REF" and nothing is written.
  An immutable <env>-v... tag that points at another digest is refused (exit 1) and nothing is
  written.
${REGISTRY_FLAGS}
  Examples:
    gitops-promote retag ghcr.io/acme/backend:staging-v1.4.2-a1b2c3d-1738860123 production-v1.4.2-a1b2c3d-1738870000 production
    gitops-promote retag --dry-run ghcr.io/acme/backend@sha256:<64 hex> production
    gitops-promote retag ghcr.io/acme/backend:staging-v1.4.2-a1b2c3d-1738860123 --to-image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/backend production-v1.4.2-a1b2c3d-1738870000`;

export const FLUX_USAGE = `gitops-promote flux --image I --name NAME [--namespace NS] [--env E]... [--git-url URL] [--git-branch B] [--git-secret S] [--registry-secret S] [--out DIR] [--force] [--offline] [--username U] [--password-stdin] [--json]
  The Flux image automation kit (image.toolkit.fluxcd.io/v1): the ImageRepository and the write-back
  GitRepository in flux/bootstrap/infrastructure/image-automation/, and per environment (default:
  develop, staging, production) the ImagePolicy, the ImageUpdateAutomation and the Deployment patch
  with its setter marker in flux/apps/NAME/ENV/, with kustomization.yaml files. Markers start at the
  tag each policy picks now (read from the registry; --offline: the alias tag). Prints the files, or
  writes them below --out; a file that exists with other content is refused unless --force
  (kustomization.yaml files get the kit's entries added; the app's base is written only if absent).
  --git-url defaults to the "origin" remote of --out (or of the current folder).
  Examples:
    gitops-promote flux --image ghcr.io/acme/backend --name backend --offline --git-url ssh://git@github.com/acme/gitops.git
    gitops-promote flux --image ghcr.io/acme/backend --name backend --out .`;

export const VERIFY_USAGE = `gitops-promote verify --gitops DIR --image I [--username U] [--password-stdin] [--verbose] [--json]
  Reads a GitOps checkout: every ImagePolicy of the image is evaluated against the registry's tags as
  Flux does, every setter marker naming it is compared with what the automation would write. Prints
  per environment what Git holds, what the policy picks and their digests, then the drift: stalled,
  suspended, marker-mismatch, missing-policy, no-automation, pattern-never-matches, invalid-policy,
  no-pick, millisecond-tag, alphabetical-order, descending-order, semver-order, tie, ... Exit 0 only
  when everything agrees, 1 on drift.
  Examples:
    gitops-promote verify --gitops . --image ghcr.io/acme/backend`;

export const HISTORY_USAGE = `gitops-promote history --image I [--env E] [--repository owner/name] [--mermaid] [--json]
  Every delivery of the image, oldest first: each promotion and rollback its releases record (when,
  who, the tag written and where from, the digest, the release, the run), and the immutable tags
  of the registry that no release records ("unrecorded"). --env keeps one environment's;
  --mermaid prints the timeline as a Mermaid flowchart. Reads only.
${GITHUB_FLAGS}
  Examples:
    gitops-promote history --image ghcr.io/acme/backend --repository acme/backend --env production
    gitops-promote history --image ghcr.io/acme/backend --mermaid > history.mmd`;

export const AUDIT_USAGE = `gitops-promote audit --image I [--from-env E] [--to-env E] [--repository owner/name] [--json]
  Proves promotion without rebuild: every production-v… tag has the digest of a staging-v… tag of
  the same version and commit, and every tag a release records still has the digest recorded.
  Prints each violation (not-promoted, moved, missing) with its tags and digests; exit 1 when there
  is one. Without a GitHub token and repository, the registry alone is checked. Reads only.
${GITHUB_FLAGS}
  Examples:
    gitops-promote audit --image ghcr.io/acme/backend --repository acme/backend
    gitops-promote audit --image ghcr.io/acme/backend --json`;

export const USAGE = {
  tags: TAGS_USAGE,
  latest: LATEST_USAGE,
  plan: PLAN_USAGE,
  promote: PROMOTE_USAGE,
  status: STATUS_USAGE,
  retag: RETAG_USAGE,
  flux: FLUX_USAGE,
  verify: VERIFY_USAGE,
  history: HISTORY_USAGE,
  audit: AUDIT_USAGE,
};
