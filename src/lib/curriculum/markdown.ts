import MarkdownIt from 'markdown-it';
import { fileNameOf } from '../io/file-names';
import type { Token } from 'markdown-it';

/**
 * Markdown of curricula, made safe twice: validation refuses raw HTML and any link or image that is not
 * a file of the package (no remote URL, no script), and rendering escapes HTML and drops such links
 * anyway, so a curriculum that skipped validation still cannot run script or reach outside the app.
 */
const renderer = new MarkdownIt({ html: false, linkify: false, typographer: false });
const inspector = new MarkdownIt({ html: true, linkify: false });
// The inspector sees every link, even javascript: ones that the renderer would silently leave as text.
inspector.validateLink = () => true;

/** A link target inside the package: a relative path with no scheme, no host, no way up. */
export function isPackagePath(target: string): boolean {
  if (target === '' || target.startsWith('/') || target.startsWith('\\') || /^[a-z][a-z0-9+.-]*:/i.test(target)) return false;
  return !target.split(/[\\/]/).some((part) => part === '..');
}

export interface MarkdownProblem {
  ja: string;
  en: string;
}

/** What makes a Markdown text unsafe or unportable; the package paths it links to are returned too. */
export function inspectMarkdown(text: string): { problems: MarkdownProblem[]; paths: string[] } {
  const problems: MarkdownProblem[] = [];
  const paths: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if ((token.type === 'html_block' || token.type === 'html_inline') && !problems.some((p) => p.en.startsWith('HTML'))) {
        const html = token.content.trim().slice(0, 40);
        problems.push({ ja: `HTML は書けません（${html}）。Markdown だけを使ってください`, en: `HTML is not allowed (${html}); use Markdown only` });
      }
      const attr = token.type === 'link_open' ? token.attrGet('href') : token.type === 'image' ? token.attrGet('src') : null;
      const target = attr === null ? null : String(attr);
      if (target !== null && !target.startsWith('#')) {
        if (isPackagePath(target)) paths.push(decodeURI(target));
        else problems.push({ ja: `パッケージの外を指すリンクは使えません（${target}）`, en: `links outside the package are not allowed (${target})` });
      }
      if (token.children) visit(token.children);
    }
  };
  visit(inspector.parse(text, {}));
  return { problems, paths };
}

/**
 * HTML for a validated Markdown text. Links and images to package files go through `resolve` (to a
 * blob: URL); anything else loses its link and stays as text.
 */
export function renderMarkdown(text: string, resolve: (path: string) => string | undefined = () => undefined): string {
  const env = { resolve };
  return renderer.render(text, env);
}

renderer.validateLink = (url) => url.startsWith('#') || isPackagePath(url);
const defaultLinkOpen = renderer.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
renderer.renderer.rules.link_open = (tokens, i, options, env, self) => {
  const token = tokens[i]!;
  const href = String(token.attrGet('href') ?? '');
  if (!href.startsWith('#')) {
    const url = (env as { resolve: (p: string) => string | undefined }).resolve(decodeURI(href));
    if (url) {
      token.attrSet('href', url);
      token.attrSet('download', fileNameOf(href));
    } else token.attrSet('href', '#');
  }
  return defaultLinkOpen(tokens, i, options, env, self);
};
const defaultImage = renderer.renderer.rules.image!;
renderer.renderer.rules.image = (tokens, i, options, env, self) => {
  const token = tokens[i]!;
  const url = (env as { resolve: (p: string) => string | undefined }).resolve(decodeURI(String(token.attrGet('src') ?? '')));
  if (!url) return self.renderInlineAsText(token.children ?? [], options, env);
  token.attrSet('src', url);
  return defaultImage(tokens, i, options, env, self);
};
