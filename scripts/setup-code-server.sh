#!/usr/bin/env bash
# Installs the pinned code-server used by the real-editor tests into a cache outside the repository
# and prints the path of its executable on stdout. Idempotent; every log line goes to stderr.
set -euo pipefail

CS_VERSION=4.100.3              # VS Code 1.100.3, the last code-server release that runs on Node 20
RG_CACHE=vscode-ripgrep-cache-1.15.11
RG_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CS_HOME=${CS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/e2e-code-server-$CS_VERSION}
BIN="$CS_HOME/node_modules/.bin/code-server"

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

need_apt=0
command -v rg >/dev/null 2>&1 || need_apt=1
command -v chromium >/dev/null 2>&1 || need_apt=1
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt=1
if [ "$need_apt" = 1 ] && [ "$(id -u)" != 0 ]; then
  echo "setup-code-server: needs the Debian packages chromium, ripgrep and libkrb5-dev;" >&2
  echo "  install them with: sudo apt-get install -y chromium ripgrep libkrb5-dev" >&2
  exit 1
fi
if [ "$need_apt" = 1 ]; then
  echo "setup-code-server: installing chromium ripgrep libkrb5-dev" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium ripgrep libkrb5-dev >&2
fi

# code-server's bundled VS Code wants to download ripgrep; hand it Debian's binary through its cache.
mkdir -p "$CS_HOME/tmp/$RG_CACHE" "$CS_HOME/tmp/stage"
cp "$(command -v rg)" "$CS_HOME/tmp/stage/rg"
tar czf "$CS_HOME/tmp/$RG_CACHE/$RG_TARBALL" -C "$CS_HOME/tmp/stage" rg

cd "$CS_HOME"
echo '{"name":"e2e-code-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > package.json
echo "setup-code-server: npm install code-server@$CS_VERSION (about a minute)" >&2
TMPDIR="$CS_HOME/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2
XDG_CONFIG_HOME="$CS_HOME/tmp" "$BIN" --version >&2
echo "$BIN"
