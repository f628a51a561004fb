-- The configuration a user writes after reading editors/nvim/README.md ("Without a plugin
-- manager"), with the plugin path and the binary computed for this repository. run.sh starts
-- `nvim --headless -u editors/nvim/test/init.lua -l editors/nvim/test/e2e.lua`.
--
-- BRIEFING_NVIM_MODE selects the README's variant:
--   enable (default) — Neovim 0.11+: lsp/briefing.lua + vim.lsp.enable('briefing')
--   setup            — require('briefing').setup(opts), forced onto the Neovim 0.10 code path
local this = vim.fs.normalize(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p'))
local plugin = vim.fs.dirname(vim.fs.dirname(this)) -- editors/nvim
local repo = vim.fs.dirname(vim.fs.dirname(plugin))
local server = vim.env.BRIEFING_LSP_PATH or (repo .. '/target/debug/briefing-lsp')

-- README: put the plugin on the runtimepath.
vim.opt.runtimepath:append(plugin)

-- README: opt plain-text briefings in (examples/peace-talks.txt is one).
vim.filetype.add({ pattern = { ['.*/examples/.*%.txt'] = 'briefing' } })

local mode = vim.env.BRIEFING_NVIM_MODE or 'enable'
if mode == 'enable' then
  -- README: only needed when briefing-lsp is not on PATH.
  vim.lsp.config('briefing', { cmd = { server, 'serve' } })
  vim.lsp.enable('briefing')
elseif mode == 'setup' then
  require('briefing').setup({ cmd = { server, 'serve' }, use_autocmd = true })
else
  error('unknown BRIEFING_NVIM_MODE ' .. mode)
end

vim.g.briefing_test = { mode = mode, repo = repo, server = server, plugin = plugin }
