-- End-to-end test of the Neovim plugin with a real headless Neovim and the real briefing-lsp.
-- Run through run.sh (it starts `nvim --headless -u test/init.lua -l test/e2e.lua`).
-- Prints one line per check and "N passed, M failed"; exits non-zero on any failure.
local env = vim.g.briefing_test
assert(env, 'run this through editors/nvim/test/run.sh (test/init.lua was not loaded)')

local repo, server = env.repo, env.server
local PEACE = repo .. '/examples/peace-talks.txt'
local ANNOTATED = repo .. '/examples/annotated/annotated-example.brief.md'
local TIMEOUT = tonumber(vim.env.BRIEFING_TEST_TIMEOUT_MS or '') or 20000

local out = function(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end
local passed, failed = 0, 0

local function check(name, fn)
  local ok, err = xpcall(fn, function(e)
    return type(e) == 'string' and e or vim.inspect(e)
  end)
  if ok then
    passed = passed + 1
    out(('ok - [%s] %s'):format(env.mode, name))
  else
    failed = failed + 1
    -- Strip the "file:line: " prefix of error() for a readable message.
    local message = tostring(err):gsub('^[^\n]-e2e%.lua:%d+: ', '')
    out(('FAIL - [%s] %s\n    %s'):format(env.mode, name, message:gsub('\n', '\n    ')))
  end
end

local function fail(fmt, ...)
  error(fmt:format(...), 0)
end

local function wait_for(what, condition, timeout)
  if not vim.wait(timeout or TIMEOUT, condition, 50) then
    fail('timed out after %d ms waiting for %s', timeout or TIMEOUT, what)
  end
end

--- The position encoding the briefing client negotiated for `buf` (utf-8, utf-16 or utf-32).
local function encoding_of(buf)
  local clients = vim.lsp.get_clients({ bufnr = buf, name = 'briefing' })
  return clients[1] and clients[1].offset_encoding or 'utf-16'
end

--- A byte column of `line` as an LSP character in `encoding`.
local function to_lsp(line, byte, encoding)
  if encoding == 'utf-8' then
    return byte
  end
  if vim.fn.has('nvim-0.11') == 1 then
    return vim.str_utfindex(line, encoding, byte, false)
  end
  local u32, u16 = vim.str_utfindex(line, byte)
  return encoding == 'utf-16' and u16 or u32
end

--- A UTF-16 character of `line` (as the CLI reports it) in `encoding`.
local function from_utf16(line, character, encoding)
  if encoding == 'utf-16' then
    return character
  end
  local byte
  if vim.fn.has('nvim-0.11') == 1 then
    byte = vim.str_byteindex(line, 'utf-16', character, false)
  else
    byte = vim.str_byteindex(line, character, true)
  end
  return to_lsp(line, byte, encoding)
end

--- The 0-based row, the LSP character (in the client's encoding) and the byte column of
--- `needle` (plus `offset` bytes) in the buffer.
local function find(buf, needle, offset)
  for row, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      local byte = col - 1 + (offset or 0)
      return row - 1, to_lsp(line, byte, encoding_of(buf)), byte
    end
  end
  fail('"%s" is not in %s', needle, vim.api.nvim_buf_get_name(buf))
end

local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function client_of(buf)
  local clients = vim.lsp.get_clients({ bufnr = buf, name = 'briefing' })
  return clients[1]
end

local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  if not responses then
    fail('%s: no response (%s)', method, tostring(err))
  end
  local client = client_of(buf)
  local response = client and responses[client.id]
  if not response then
    fail('%s: the briefing client did not answer', method)
  end
  if response.err or response.error then
    fail('%s failed: %s', method, vim.inspect(response.err or response.error))
  end
  return response.result
end

--- `briefing-lsp check --format json` for one file.
local function cli_diagnostics(path)
  local result = vim.system({ server, 'check', '--format', 'json', path }, { cwd = repo, text = true }):wait()
  if result.code ~= 0 and result.code ~= 1 then
    fail('briefing-lsp check failed (exit %d): %s', result.code, result.stderr)
  end
  local report = vim.json.decode(result.stdout)
  return report.files[1].diagnostics
end

local SEVERITY = { error = 1, warning = 2, info = 3, hint = 4 }

local function key(code, severity, range)
  return ('%s [%s] %d:%d-%d:%d'):format(
    code,
    severity,
    range.start.line,
    range.start.character,
    range['end'].line,
    range['end'].character
  )
end

--- The buffer's LSP diagnostics as sorted keys (the LSP form nvim keeps in user_data.lsp).
local function buffer_keys(buf)
  local keys = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp
    if lsp then
      table.insert(keys, key(lsp.code, lsp.severity, lsp.range))
    else
      table.insert(keys, ('%s [%s] %d:%d (no user_data.lsp)'):format(d.code, d.severity, d.lnum, d.col))
    end
  end
  table.sort(keys)
  return keys
end

--- The CLI's findings as keys, its UTF-16 ranges converted to the client's encoding.
local function cli_keys(path, buf)
  local keys = {}
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local encoding = encoding_of(buf)
  local function convert(position)
    local line = lines[position.line + 1] or ''
    return { line = position.line, character = from_utf16(line, position.character, encoding) }
  end
  for _, d in ipairs(cli_diagnostics(path)) do
    local range = { start = convert(d.range.start), ['end'] = convert(d.range['end']) }
    table.insert(keys, key(d.code, SEVERITY[d.severity], range))
  end
  table.sort(keys)
  return keys
end

local function diagnostics_on(buf, code, needle)
  local row, char = find(buf, needle)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp
    local r = lsp and lsp.range
    if d.code == code and r and r.start.line <= row and r['end'].line >= row then
      local starts_before_end = r.start.line < row or r.start.character < char + #needle
      local ends_after_start = r['end'].line > row or r['end'].character > char
      if starts_before_end and ends_after_start then
        table.insert(found, d)
      end
    end
  end
  return found
end

local function expect_finding(buf, code, needle)
  if #diagnostics_on(buf, code, needle) == 0 then
    local lines = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(lines, ('%s line %d: %s'):format(d.code, d.lnum + 1, d.message))
    end
    fail('expected %s on "%s"; the buffer has:\n%s', code, needle, table.concat(lines, '\n'))
  end
end

local function hover_text(result)
  if not result then
    return ''
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  elseif contents.value then
    return contents.value
  end
  local parts = {}
  for _, item in ipairs(contents) do
    table.insert(parts, type(item) == 'string' and item or item.value)
  end
  return table.concat(parts, '\n')
end

local function text_document(buf)
  return { uri = vim.uri_from_bufnr(buf) }
end

-- ---------------------------------------------------------------------------------------------

out(('# briefing-lsp Neovim e2e (%s, mode %s, server %s)'):format(tostring(vim.version()), env.mode, server))

if vim.fn.executable(server) == 0 then
  out(('FAIL - [%s] the server binary %s is missing: run `cargo build` or set BRIEFING_LSP_PATH'):format(env.mode, server))
  out('0 passed, 1 failed')
  os.exit(1)
end

local annotated, peace

check('the annotated example (*.brief.md) gets filetype briefing from ftdetect', function()
  annotated = open(ANNOTATED)
  if vim.bo[annotated].filetype ~= 'briefing' then
    fail('filetype is "%s"', vim.bo[annotated].filetype)
  end
end)

check('briefing-lsp attaches to the annotated example with root examples/annotated', function()
  wait_for('the briefing client to attach', function()
    return client_of(annotated) ~= nil
  end)
  local client = client_of(annotated)
  wait_for('initialize', function()
    return client.initialized or (client.server_capabilities ~= nil)
  end)
  local expected = repo .. '/examples/annotated'
  if vim.fs.normalize(client.root_dir or '') ~= vim.fs.normalize(expected) then
    fail('root_dir is %s, expected %s (root_markers briefing.toml)', tostring(client.root_dir), expected)
  end
end)

check('diagnostics of the annotated example equal `briefing-lsp check --format json`', function()
  local expected = cli_keys(ANNOTATED, annotated)
  local ok = vim.wait(TIMEOUT, function()
    return vim.deep_equal(buffer_keys(annotated), expected)
  end, 50)
  if not ok then
    fail(
      'after %d ms the buffer has\n  %s\nbut the CLI reports\n  %s',
      TIMEOUT,
      table.concat(buffer_keys(annotated), '\n  '),
      table.concat(expected, '\n  ')
    )
  end
end)

check('the annotated example has the findings listed in examples/README.md', function()
  expect_finding(annotated, 'vague-attribution', 'Analysts say the package')
  expect_finding(annotated, 'anonymous-source', "Officials familiar with Ankara's thinking")
  expect_finding(annotated, 'missing-actor', 'It is believed that')
  expect_finding(annotated, 'broken-section-link', '[[Options for the Ministerial]]')
  expect_finding(annotated, 'unused-footnote', '[^unused]')
  expect_finding(annotated, 'undeclared-actor', 'NATO')
  expect_finding(annotated, 'review-note', '{>> Check whether')
  if #diagnostics_on(annotated, 'relative-time', 'Delegations will arrive next week.') > 0 then
    fail('the suppressed line has a relative-time finding')
  end
  for _, d in ipairs(vim.diagnostic.get(annotated)) do
    for _, code in ipairs({ 'unknown-actor', 'dangling-footnote', 'missing-section', 'missing-bluf' }) do
      if d.code == code then
        fail('unexpected %s on line %d: %s', code, d.lnum + 1, d.message)
      end
    end
  end
end)

check('the outline of the annotated example nests its headings', function()
  local symbols = request(annotated, 'textDocument/documentSymbol', { textDocument = text_document(annotated) })
  local names, positions = {}, nil
  local function walk(list)
    for _, s in ipairs(list or {}) do
      table.insert(names, s.name)
      if s.name == 'Positions' then
        positions = s
      end
      walk(s.children)
    end
  end
  walk(symbols)
  for _, name in ipairs({ 'Summary', 'Background', 'Positions', 'European Union', 'Turkey', 'Outlook' }) do
    if not vim.tbl_contains(names, name) then
      fail('no symbol "%s" in %s', name, vim.inspect(names))
    end
  end
  local children = vim.tbl_map(function(s)
    return s.name
  end, positions and positions.children or {})
  if not (vim.tbl_contains(children, 'European Union') and vim.tbl_contains(children, 'Turkey')) then
    fail('European Union and Turkey are not under Positions: %s', vim.inspect(children))
  end
end)

check('hover on @kallas shows the briefing.toml actor card', function()
  local row, char = find(annotated, '@kallas said', 2)
  local result = request(annotated, 'textDocument/hover', {
    textDocument = text_document(annotated),
    position = { line = row, character = char },
  })
  local text = hover_text(result)
  if not text:find('Kaja Kallas', 1, true) then
    fail('hover on @kallas: %s', vim.inspect(text))
  end
end)

check('go to definition on [the summary](#summary) lands on the Summary heading', function()
  local heading = find(annotated, '# Summary')
  local row, _, byte = find(annotated, '(#summary)', 3)
  vim.api.nvim_win_set_cursor(0, { row + 1, byte })
  vim.lsp.buf.definition()
  wait_for('the cursor to jump to the Summary heading', function()
    return vim.api.nvim_win_get_cursor(0)[1] == heading + 1
  end, 10000)
end)

check('go to definition on [[Summary]] lands on the Summary heading', function()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local file = dir .. '/links.brief.md'
  vim.fn.writefile({
    '# Summary',
    '',
    'Ukraine shipped grain through its ports in October[^ports].',
    '',
    '## Details',
    '',
    'See [[Summary]] and [the summary](#summary).',
    '',
    '[^ports]: Ukrainian Sea Ports Authority, monthly cargo report, 3 November 2026.',
  }, file)
  local buf = open(file)
  wait_for('the briefing client to attach to ' .. file, function()
    return client_of(buf) ~= nil
  end)
  local row, _, byte = find(buf, '[[Summary]]', 4)
  vim.api.nvim_win_set_cursor(0, { row + 1, byte })
  vim.lsp.buf.definition()
  wait_for('the cursor to jump from [[Summary]] to line 1', function()
    return vim.api.nvim_get_current_buf() == buf and vim.api.nvim_win_get_cursor(0)[1] == 1
  end, 10000)
end)

check('examples/peace-talks.txt is a briefing once opted in (filetype briefing)', function()
  peace = open(PEACE)
  if vim.bo[peace].filetype ~= 'briefing' then
    fail('filetype is "%s"', vim.bo[peace].filetype)
  end
  wait_for('the briefing client to attach to peace-talks.txt', function()
    return client_of(peace) ~= nil
  end)
end)

check('diagnostics of peace-talks.txt equal `briefing-lsp check --format json`', function()
  local expected = cli_keys(PEACE, peace)
  local ok = vim.wait(TIMEOUT, function()
    return vim.deep_equal(buffer_keys(peace), expected)
  end, 50)
  if not ok then
    fail(
      'after %d ms the buffer has\n  %s\nbut the CLI reports\n  %s',
      TIMEOUT,
      table.concat(buffer_keys(peace), '\n  '),
      table.concat(expected, '\n  ')
    )
  end
end)

check('peace-talks.txt has the seed findings of SPEC §8', function()
  expect_finding(peace, 'anonymous-source', 'Officials familiar with the talks said')
  expect_finding(peace, 'vague-attribution', 'Diplomats emphasized')
  expect_finding(peace, 'vague-attribution', 'Analysts say')
  expect_finding(peace, 'vague-attribution', 'Officials expect')
  expect_finding(peace, 'relative-time', 'in the coming days')
  expect_finding(peace, 'relative-time', 'in the coming weeks')
  for _, d in ipairs(vim.diagnostic.get(peace)) do
    if d.severity == vim.diagnostic.severity.ERROR then
      fail('unexpected error on line %d: %s %s', d.lnum + 1, d.code, d.message)
    end
  end
end)

check('the outline of peace-talks.txt is its four sections', function()
  local symbols = request(peace, 'textDocument/documentSymbol', { textDocument = text_document(peace) })
  if type(symbols) ~= 'table' or #symbols == 0 then
    fail('no document symbols: %s', vim.inspect(symbols))
  end
  -- A document node (the file name) may wrap the sections.
  local sections = symbols
  if #symbols == 1 and symbols[1].kind == 1 and symbols[1].children and #symbols[1].children > 0 then
    sections = symbols[1].children
  end
  local got = {}
  for _, s in ipairs(sections) do
    local range = s.selectionRange or s.range or (s.location and s.location.range)
    table.insert(got, ('%s @%d'):format(s.name, range.start.line + 1))
  end
  local expected = {
    'Coordination — Without Weakening Pressure on Moscow @3',
    'Balancing Diplomacy and Deterrence @6',
    'Humanitarian Concerns Front and Center @11',
    'What Comes Next @13',
  }
  if not vim.deep_equal(got, expected) then
    fail('outline is\n  %s\nexpected\n  %s', table.concat(got, '\n  '), table.concat(expected, '\n  '))
  end
end)

check('hover on "Ottawa" shows Canada', function()
  local row, char = find(peace, 'Ottawa', 2)
  local result = request(peace, 'textDocument/hover', {
    textDocument = text_document(peace),
    position = { line = row, character = char },
  })
  local text = hover_text(result)
  if not text:find('Canada', 1, true) then
    fail('hover on Ottawa (line %d): %s', row + 1, vim.inspect(text))
  end
end)

check('a quick fix is offered for "Analysts say"', function()
  local found = diagnostics_on(peace, 'vague-attribution', 'Analysts say')
  if #found == 0 then
    fail('no vague-attribution diagnostic on "Analysts say"')
  end
  local lsp = found[1].user_data.lsp
  local actions = request(peace, 'textDocument/codeAction', {
    textDocument = text_document(peace),
    range = lsp.range,
    context = { diagnostics = { lsp } },
  })
  if type(actions) ~= 'table' or #actions == 0 then
    fail('no code action: %s', vim.inspect(actions))
  end
end)

check('settings.briefing reaches the server (rules.relative-time = off)', function()
  local client = client_of(peace)
  client.settings = vim.tbl_deep_extend('force', client.settings or {}, {
    briefing = { rules = { ['relative-time'] = 'off' } },
  })
  if vim.fn.has('nvim-0.11') == 1 then
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  else
    client.notify('workspace/didChangeConfiguration', { settings = client.settings })
  end
  wait_for('relative-time findings to disappear', function()
    for _, d in ipairs(vim.diagnostic.get(peace)) do
      if d.code == 'relative-time' then
        return false
      end
    end
    return #vim.diagnostic.get(peace) > 0
  end)
end)

-- Stop the servers cleanly before reporting.
for _, client in ipairs(vim.lsp.get_clients({ name = 'briefing' })) do
  vim.lsp.stop_client(client.id)
end
vim.wait(5000, function()
  return #vim.lsp.get_clients({ name = 'briefing' }) == 0
end, 50)

out(('%d passed, %d failed'):format(passed, failed))
if failed > 0 then
  out(('LSP log: %s'):format(vim.lsp.log and vim.lsp.log.get_filename and vim.lsp.log.get_filename() or vim.lsp.get_log_path()))
  os.exit(1)
end
os.exit(0)
