-- Briefing file types (SPEC §1): *.brief.md, *.brief, *.briefing, *.brief.txt.
-- Plain *.txt and *.md files are opt-in, see README.md ("Which files").
vim.filetype.add({
  extension = {
    brief = 'briefing',
    briefing = 'briefing',
  },
  pattern = {
    ['.*%.brief%.md'] = 'briefing',
    ['.*%.brief%.txt'] = 'briefing',
  },
})
