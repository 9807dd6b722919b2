import type { HistoryEntry } from './history.js';

/** A Mermaid label: quotes and brackets that would end it are written as entities. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
}

/**
 * The timeline as a Mermaid flowchart (GitHub renders it in job summaries, issues and markdown
 * files, https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams):
 * source tag → target tag → release for each promotion; a rollback as a dotted arrow from the tag
 * that ran before it to the tag it wrote.
 */
export function historyMermaid(entries: readonly HistoryEntry[]): string {
  const lines = ['flowchart LR'];
  const ids = new Map<string, string>();
  const node = (key: string, text: string, shape: 'box' | 'release' = 'box') => {
    let id = ids.get(key);
    if (!id) {
      id = `n${ids.size}`;
      ids.set(key, id);
      lines.push(shape === 'release' ? `  ${id}(["${label(text)}"])` : `  ${id}["${label(text)}"]`);
    }
    return id;
  };
  let previous: string | undefined;
  for (const e of entries) {
    const when = e.at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
    const who = e.actor ? ` · ${e.actor}` : e.recorded ? '' : ' · unrecorded';
    // A tag no release records is drawn as such: something changed the environment without a trace.
    const target = node(`tag:${e.targetTag}`, e.recorded ? e.targetTag : `${e.targetTag} · unrecorded`);
    if (e.kind === 'rollback') {
      const from = previous ?? node(`tag:${e.sourceTag}`, e.sourceTag);
      lines.push(`  ${from} -.->|"rollback${label(who)} · ${when}"| ${target}`);
    } else if (e.sourceTag) {
      lines.push(`  ${node(`tag:${e.sourceTag}`, e.sourceTag)} -->|"${e.kind}${label(who)} · ${when}"| ${target}`);
    }
    if (e.release && e.kind === 'promotion')
      lines.push(`  ${target} --> ${node(`release:${e.release.tag}`, e.release.tag, 'release')}`);
    previous = target;
  }
  return lines.join('\n');
}
