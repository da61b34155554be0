-- Drives the Zoho Credit Lens server from Neovim's built-in LSP client (0.7 and newer), headless:
-- opens a file, waits for diagnostics, asks for a hover, and writes both to a file the test reads.
local server = os.getenv('ZCL_SERVER')
local file = os.getenv('ZCL_FILE')
local out = os.getenv('ZCL_OUT')
local line = tonumber(os.getenv('ZCL_LINE'))
local character = tonumber(os.getenv('ZCL_CHARACTER'))

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local client_id = vim.lsp.start_client({
  name = 'zoho-credit-lens',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(0, client_id)

local lines = {}
local got = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
table.insert(lines, 'diagnostics: ' .. (got and #vim.diagnostic.get(0) or 0))
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format('diagnostic %d:%d %s', d.lnum + 1, d.col + 1, d.message))
end

local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = character } }
local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 10000) or {}
for _, response in pairs(responses) do
  if response.result then
    local contents = response.result.contents
    local text = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents)
    for _, l in ipairs(vim.split(text, '\n')) do table.insert(lines, 'hover: ' .. l) end
  elseif response.err then
    table.insert(lines, 'hover error: ' .. vim.inspect(response.err))
  end
end

vim.fn.writefile(lines, out)
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
