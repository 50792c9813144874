-- Drives Neovim's built-in LSP client (0.7) against `memlint server`, for NeovimIT: opens the sample,
-- waits for diagnostics, applies the code action on the cursor's line through vim.lsp.buf.code_action,
-- waits for the re-check, and writes what it saw to $MEMLINT_NVIM_OUT. No plugin, no lspconfig.
local out = {}
local function say(line) table.insert(out, line) end

local function diagnostics(bufnr)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(seen, string.format("%s %d", d.code, d.lnum + 1))
  end
  table.sort(seen)
  return seen
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("MEMLINT_SAMPLE")))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "memlint",
    cmd = { os.getenv("MEMLINT_JAVA"), "-jar", os.getenv("MEMLINT_JAR"), "server" },
    root_dir = vim.fn.fnamemodify(os.getenv("MEMLINT_SAMPLE"), ":h"),
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  if not vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    say("timed out waiting for diagnostics")
    return
  end
  say("diagnostics:")
  for _, d in ipairs(diagnostics(bufnr)) do say(d) end

  -- The code action on line 2; the picker takes the first action, as a user pressing Enter.
  local before = vim.b.changedtick
  vim.ui.select = function(items, opts, choose)
    say("action: " .. opts.format_item(items[1]))
    choose(items[1], 1)
  end
  vim.api.nvim_win_set_cursor(0, { 2, 20 })
  vim.lsp.buf.code_action()
  if not vim.wait(30000, function() return vim.b.changedtick ~= before end, 50) then
    say("timed out waiting for the code action")
    return
  end
  say("buffer:")
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do say(line) end

  -- The edit is a change: the server checks the new text (after its debounce) and publishes again.
  if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 1 end, 50) then
    say("timed out waiting for diagnostics after the fix")
    return
  end
  say("diagnostics after the fix:")
  for _, d in ipairs(diagnostics(bufnr)) do say(d) end

  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
end

local ok, err = pcall(run)
if not ok then say("error: " .. tostring(err)) end
vim.fn.writefile(out, os.getenv("MEMLINT_NVIM_OUT"))
vim.cmd("qa!")
