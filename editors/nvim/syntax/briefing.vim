" Briefing syntax: Markdown plus @mentions, [^footnotes], [@citations], [[section links]],
" CriticMarkup and <!-- briefing-… --> suppression comments. The language server's semantic
" tokens refine this (actors by kind, estimative terms).
if exists('b:current_syntax')
  finish
endif

runtime! syntax/markdown.vim
unlet! b:current_syntax

syn match briefingMention /\%([[:alnum:]_@.]\)\@<!@[[:alnum:]]\%([[:alnum:]_-]*[[:alnum:]]\)\?/ containedin=ALLBUT,markdownCode,markdownCodeBlock,htmlComment,briefingCitation
syn match briefingFootnote /\[\^[^\] \t]\+\]/ containedin=ALLBUT,markdownCode,markdownCodeBlock,htmlComment
syn match briefingCitation /\[[^\][]*@[[:alnum:]_][^\][]*\]\%((\|\[\)\@!/ containedin=ALLBUT,markdownCode,markdownCodeBlock,htmlComment
syn match briefingSectionLink /\[\[[^\][]\+\]\]/ containedin=ALLBUT,markdownCode,markdownCodeBlock,htmlComment
syn region briefingCriticComment start=/{>>/ end=/<<}/ keepend containedin=ALLBUT,markdownCode,markdownCodeBlock
syn region briefingCriticInsert start=/{++/ end=/++}/ keepend containedin=ALLBUT,markdownCode,markdownCodeBlock
syn region briefingCriticDelete start=/{--/ end=/--}/ keepend containedin=ALLBUT,markdownCode,markdownCodeBlock
syn region briefingCriticHighlight start=/{==/ end=/==}/ keepend containedin=ALLBUT,markdownCode,markdownCodeBlock
syn region briefingCriticChange start=/{\~\~/ end=/\~\~}/ keepend containedin=ALLBUT,markdownCode,markdownCodeBlock
syn match briefingSuppression /<!--\s*briefing-\%(ignore\|disable\|enable\)\>.\{-}-->/ containedin=ALLBUT,markdownCode,markdownCodeBlock

hi def link briefingMention Identifier
hi def link briefingFootnote Special
hi def link briefingCitation Special
hi def link briefingSectionLink Underlined
hi def link briefingCriticComment Todo
hi def link briefingCriticInsert DiffAdd
hi def link briefingCriticDelete DiffDelete
hi def link briefingCriticHighlight Search
hi def link briefingCriticChange DiffChange
hi def link briefingSuppression PreProc

let b:current_syntax = 'briefing'
