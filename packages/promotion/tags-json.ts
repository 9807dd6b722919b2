import { fluxPattern, type BuildTags } from '../tagging/tags.js';

/**
 * The tags of one build as JSON: one shape for `gitops-promote tags --json` and the first fields of
 * compute-tags' `json` output, so a script written against one reads the other. The action adds
 * what only a build in a workflow has (the full commit, where the version and timestamp came from,
 * the labels, and with `digest` what was written); those fields are absent from the CLI's, never
 * renamed.
 */
export interface TagsJson {
  environment: string;
  version: string;
  /** the short sha in the tags */
  sha: string;
  timestamp: number;
  /** the moving alias tag: the environment's name */
  alias: string;
  /** the immutable tag `<env>-v<version>-<sha>-<ts>` */
  tag: string;
  shaTag: string;
  /** full references, alias, immutable and sha tag for every image, in that order */
  tags: string[];
  /** the Flux ImagePolicy filterTags pattern and extract selecting this environment's newest tag */
  fluxPattern: string;
  fluxExtract: '$ts';
}

export function tagsJson(build: {
  environment: string;
  version: string;
  sha: string;
  timestamp: number;
  tags: BuildTags;
}): TagsJson {
  return {
    environment: build.environment,
    version: build.version,
    sha: build.sha,
    timestamp: build.timestamp,
    alias: build.tags.alias,
    tag: build.tags.immutable,
    shaTag: build.tags.shaTag,
    tags: build.tags.refs,
    fluxPattern: fluxPattern(build.environment),
    fluxExtract: '$ts',
  };
}
