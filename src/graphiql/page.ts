import type { GraphiqlTab } from './tabs.js';

/** What GraphiQL shows on a first visit (GraphiQL keeps the user's own tabs after that). */
export const DEFAULT_QUERY = `# The tasking workflow, one operation per step:
# contracts → feasibility → attempts → price → createOrder
# → taskings → acceptSegment / refuseSegment → imagery
# Run with ▶ or Ctrl-Enter; the Docs pane lists all.
query Overview {
  contracts {
    id
    name
  }
  taskings(first: 5) {
    totalCount
    edges {
      node {
        id
        status
        progress
        proposedSegmentCount
        segments {
          id
          status
        }
      }
    }
  }
}
`;

/**
 * Everything the page loads comes from our own origin: no CDN (the gateway must work without
 * internet) and no inline script or style. GraphiQL's stylesheet embeds its fonts and icons as
 * data: URLs, hence `data:` for fonts and images (the page's empty favicon is one too).
 */
export const GRAPHIQL_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface GraphiqlPageAssets {
  stylesheets: string[];
  /** In load order: React before ReactDOM before GraphiQL before the boot script. */
  scripts: string[];
}

/**
 * `now` is the gateway's clock (the embedded simulator's in development mode): the tabs' search windows
 * start from it, not from the browser's, so they stay ahead of a simulator clock moved forward.
 */
export function renderGraphiqlPage(
  endpoint: string,
  defaultQuery: string,
  tabs: readonly GraphiqlTab[],
  assets: GraphiqlPageAssets,
  now: Date,
): string {
  const stylesheets = assets.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`);
  const scripts = assets.scripts.map((src) => `<script src="${escapeHtml(src)}"></script>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OneAtlas gateway · GraphiQL</title>
<link rel="icon" href="data:,">
${stylesheets.join('\n')}
</head>
<body>
<div id="graphiql" data-endpoint="${escapeHtml(endpoint)}" data-default-query="${escapeHtml(defaultQuery)}" data-default-tabs="${escapeHtml(JSON.stringify(tabs))}" data-now="${now.toISOString()}">Loading GraphiQL…</div>
${scripts.join('\n')}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
