--- briefing-lsp for Neovim.
---
--- Neovim 0.11+: `vim.lsp.enable('briefing')` (the config is in lsp/briefing.lua), or
--- `require('briefing').setup(opts)`, which does the same.
--- Neovim 0.10: `require('briefing').setup(opts)` starts the server with `vim.lsp.start` for
--- every buffer of filetype `briefing`.
---
--- opts (all optional):
---   cmd          = { 'briefing-lsp', 'serve' }   -- the server command
---   filetypes    = { 'briefing' }
---   root_markers = { 'briefing.toml', '.git' }
---   settings     = { briefing = { rules = { ['relative-time'] = 'off' }, ... } }  -- SPEC §5
---   on_attach, capabilities, ...                 -- passed through to the client config
local M = {}

M.name = 'briefing'

--- The settings keys the server reads (camelCase, SPEC §5). Unset keys leave `briefing.toml` in charge.
M.settings_keys = {
  'rules', -- { ['rule-code'] = 'off'|'hint'|'info'|'warning'|'error' }
  'style', -- { maxSentenceWords = 40, acronyms = { 'GDP' }, citationScope = 'paragraph'|'sentence' }
  'sections', -- { required = { 'Summary' }, bluf = true }
  'builtinActors', -- boolean
  'inlayHints', -- boolean
  'debounceMs', -- integer
}

--- Before `initialize`: sends the `briefing` settings as initializationOptions too (the server
--- reads both), and asks for pushed diagnostics only (see M.on_init).
function M.before_init(params, config)
  local briefing = config.settings and config.settings.briefing
  if briefing ~= nil and next(briefing) ~= nil then
    params.initializationOptions = briefing
  end
  if params.capabilities and params.capabilities.textDocument then
    params.capabilities.textDocument.diagnostic = nil
  end
end

--- After `initialize`: briefing-lsp both pushes diagnostics (debounced, re-sent when settings or
--- briefing.toml change) and answers pulls. Neovim keeps pushed and pulled diagnostics in separate
--- namespaces, so with both every finding would show twice: use the pushed ones only.
--- If you set your own `on_init`, call `require('briefing').on_init(client)` from it.
function M.on_init(client)
  if client.server_capabilities then
    client.server_capabilities.diagnosticProvider = nil
  end
end

--- The default client config (a fresh table each call).
---@return vim.lsp.Config
function M.default_config()
  return {
    cmd = { 'briefing-lsp', 'serve' },
    filetypes = { 'briefing' },
    root_markers = { 'briefing.toml', '.git' },
    settings = { briefing = vim.empty_dict() },
    before_init = M.before_init,
    on_init = M.on_init,
  }
end

local function cmd_missing(cmd)
  local exe = type(cmd) == 'table' and cmd[1] or nil
  if exe and vim.fn.executable(exe) == 0 then
    vim.notify_once(
      ('briefing: `%s` was not found. Install it with `cargo install --path .` in a clone of '
        .. 'briefing-lsp, or set `cmd` to its full path (see editors/nvim/README.md).'):format(exe),
      vim.log.levels.ERROR
    )
    return true
  end
  return false
end

--- Merges user options over the defaults (lists such as `cmd` are replaced, not merged).
local function merged(opts)
  local config = vim.tbl_deep_extend('force', M.default_config(), opts or {})
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers' }) do
    if opts and opts[key] ~= nil then
      config[key] = opts[key]
    end
  end
  config.use_autocmd = nil
  return config
end

--- Starts briefing-lsp for briefing buffers.
---@param opts? table
function M.setup(opts)
  opts = opts or {}
  local use_autocmd = opts.use_autocmd or vim.fn.has('nvim-0.11') == 0
  local config = merged(opts)

  if not use_autocmd then
    vim.lsp.config(M.name, config)
    vim.lsp.enable(M.name)
    return
  end

  -- Neovim 0.10: start (or reuse) a client per root directory on FileType.
  local group = vim.api.nvim_create_augroup('briefing-lsp', { clear = true })
  local function start(bufnr)
    if vim.bo[bufnr].buftype ~= '' or cmd_missing(config.cmd) then
      return
    end
    local path = vim.api.nvim_buf_get_name(bufnr)
    local root = vim.fs.root(bufnr, config.root_markers)
      or (path ~= '' and vim.fs.dirname(path))
      or vim.uv.cwd()
    local client_config = vim.tbl_extend('force', config, { name = M.name, root_dir = root })
    client_config.filetypes = nil
    client_config.root_markers = nil
    vim.lsp.start(client_config, { bufnr = bufnr })
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      start(args.buf)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      start(bufnr)
    end
  end
end

return M
