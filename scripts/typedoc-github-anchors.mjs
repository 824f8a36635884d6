/**
 * A TypeDoc plugin (loaded by typedoc.json) that gives Markdown headings the same anchors as GitHub.
 *
 * TypeDoc builds a heading's anchor from its plain text and leaves out inline code, so
 * "### `d[k]` is not `__getitem__`" becomes `#is-not` in the generated site but
 * `#dk-is-not-__getitem__` on GitHub. The docs link to GitHub's anchors (docs/porting-guide.md promises
 * they are stable, and spec/docs/links.spec.ts checks them), so this plugin lets TypeDoc see the text
 * of inline code in headings: each code span gets a text child that TypeDoc's slugger reads, while the
 * span still renders as code. With it, `npm run docs` validates the same anchors as the spec.
 */

import { Application } from 'typedoc';

/** @param {Application} app */
export function load(app) {
  // After bootstrap: TypeDoc resets its options once more after loading plugins.
  app.on(Application.EVENT_BOOTSTRAP_END, () => app.options.setValue('markdownItLoader', headingAnchors));
}

/** @param {import('markdown-it').default} parser */
function headingAnchors(parser) {
  parser.core.ruler.push('github_heading_anchors', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'heading_open') continue;
      const inline = tokens[i + 1];
      for (const child of inline?.children ?? []) {
        if (child.type !== 'code_inline') continue;
        const text = new state.Token('text', '', 0);
        text.content = child.content;
        child.children = [text];
      }
    }
  });
}
