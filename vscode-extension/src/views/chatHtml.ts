/**
 * The chat panel's page: one script and one stylesheet from the extension's dist/webview/, nothing
 * else. CSP default-src 'none'; the script runs only with this page's nonce. Pure, tested in Node.
 */
export interface ChatPageSources {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

export function chatPageHtml(page: ChatPageSources): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${page.nonce}'`,
    // Lit's components style themselves through constructed stylesheets, which style-src governs.
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
    `font-src ${page.cspSource}`,
    `img-src ${page.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${page.styleUri}" nonce="${page.nonce}">
<title>Product OS Chat</title>
</head>
<body>
<div id="chat"></div>
<script nonce="${page.nonce}" src="${page.scriptUri}"></script>
</body>
</html>`;
}
