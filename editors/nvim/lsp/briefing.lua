-- briefing-lsp for Neovim 0.11+: `vim.lsp.enable('briefing')` starts it for briefing buffers.
-- Override any field with `vim.lsp.config('briefing', { ... })`, e.g. `cmd` for a binary that is
-- not on PATH, or `settings.briefing` (the same keys as VS Code's `briefing.*` settings, SPEC §5):
--
--   vim.lsp.config('briefing', {
--     settings = { briefing = { rules = { ['relative-time'] = 'off' }, style = { maxSentenceWords = 30 } } },
--   })
---@type vim.lsp.Config
return require('briefing').default_config()
