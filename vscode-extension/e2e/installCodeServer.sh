#!/usr/bin/env bash
# Installs code-server (from e2e/hosts/code-server's lock file, npm registry only) into target/hosts/code-server,
# doing by hand what its install scripts would download: native modules are built from source and
# ripgrep is Debian's. Skipped when the same lock file was installed before (a stamp in target/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../target/hosts/code-server"
stamp="$dest/.installed-lock.json"
if [ -f "$stamp" ] && cmp -s "$stamp" "$here/hosts/code-server/package-lock.json"; then exit 0; fi
rg_bin="$(command -v rg || true)"
[ -n "$rg_bin" ] || { echo "ripgrep is missing: apt-get install ripgrep (see .ci/run)" >&2; exit 1; }
rm -rf "$dest" && mkdir -p "$dest"
cp "$here/hosts/code-server/package.json" "$here/hosts/code-server/package-lock.json" "$dest/"
cd "$dest"
export npm_config_nodedir=/usr npm_config_yes=true npm_config_unsafe_perm=true npm_config_loglevel=error
npm ci --ignore-scripts --no-audit --no-fund
npm rebuild argon2
cs="$dest/node_modules/code-server"
(cd "$cs/lib/vscode" && npm install --ignore-scripts --omit=dev --no-audit --no-fund \
  && mkdir -p node_modules/@vscode/ripgrep/bin && cp "$rg_bin" node_modules/@vscode/ripgrep/bin/rg \
  && npm rebuild && ln -sfn node_modules node_modules.asar)
(cd "$cs/lib/vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$cs/lib/vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
(cd "$cs/lib/vscode/extensions" && npm install --omit=dev --no-audit --no-fund)
cp "$here/hosts/code-server/package-lock.json" "$stamp"
