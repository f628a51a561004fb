-- Briefings are Markdown (or plain text): Markdown comments, wrapping and, when available, the
-- Markdown tree-sitter parser for folding and highlighting.
if vim.b.did_ftplugin_briefing then
  return
end
vim.b.did_ftplugin_briefing = true

vim.bo.commentstring = '<!-- %s -->'
vim.bo.comments = 'fb:*,fb:-,fb:+,n:>'
vim.opt_local.formatoptions:append('tcqln')
pcall(vim.treesitter.language.register, 'markdown', 'briefing')

vim.b.undo_ftplugin = (vim.b.undo_ftplugin or '') .. '|setl commentstring< comments< formatoptions<'
