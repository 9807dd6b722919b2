export const id = 283;
export const ids = [283];
export const modules = {

/***/ 4283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   historyMermaid: () => (/* binding */ historyMermaid)
/* harmony export */ });
/** A Mermaid label: quotes and brackets that would end it are written as entities. */
function label(text) {
    return text.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
}
/**
 * The timeline as a Mermaid flowchart (GitHub renders it in job summaries, issues and markdown
 * files, https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams):
 * source tag → target tag → release for each promotion; a rollback as a dotted arrow from the tag
 * that ran before it to the tag it wrote.
 */
function historyMermaid(entries) {
    const lines = ['flowchart LR'];
    const ids = new Map();
    const node = (key, text, shape = 'box') => {
        let id = ids.get(key);
        if (!id) {
            id = `n${ids.size}`;
            ids.set(key, id);
            lines.push(shape === 'release' ? `  ${id}(["${label(text)}"])` : `  ${id}["${label(text)}"]`);
        }
        return id;
    };
    let previous;
    for (const e of entries) {
        const when = e.at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
        const who = e.actor ? ` · ${e.actor}` : e.recorded ? '' : ' · unrecorded';
        // A tag no release records is drawn as such: something changed the environment without a trace.
        const target = node(`tag:${e.targetTag}`, e.recorded ? e.targetTag : `${e.targetTag} · unrecorded`);
        if (e.kind === 'rollback') {
            const from = previous ?? node(`tag:${e.sourceTag}`, e.sourceTag);
            lines.push(`  ${from} -.->|"rollback${label(who)} · ${when}"| ${target}`);
        }
        else if (e.sourceTag) {
            lines.push(`  ${node(`tag:${e.sourceTag}`, e.sourceTag)} -->|"${e.kind}${label(who)} · ${when}"| ${target}`);
        }
        if (e.release && e.kind === 'promotion')
            lines.push(`  ${target} --> ${node(`release:${e.release.tag}`, e.release.tag, 'release')}`);
        previous = target;
    }
    return lines.join('\n');
}


/***/ })

};
