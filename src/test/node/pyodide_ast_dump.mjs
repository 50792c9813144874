// Runs src/test/python/ast_dump.py under CPython 3.14 in pyodide (no network needed).
// Usage: node pyodide_ast_dump.mjs PYODIDE_DIR < paths    (PYODIDE_DIR: node_modules/pyodide)
// Writes one JSON line per path, exactly as `python ast_dump.py` would.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const pyodideDir = process.argv[2];
if (!pyodideDir) {
  process.stderr.write("usage: node pyodide_ast_dump.mjs PYODIDE_DIR < paths\n");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", stdout: () => {}, stderr: () => {} });

const here = dirname(fileURLToPath(import.meta.url));
const dumper = readFileSync(join(here, "..", "python", "ast_dump.py"), "utf8");
const namespace = pyodide.globals.get("dict")();
pyodide.runPython(dumper, { globals: namespace });
pyodide.runPython("import sys; sys.setrecursionlimit(20000)");
const dumpSource = namespace.get("dump_source");

const paths = readFileSync(0, "utf8").split("\n").map((l) => l.replace(/\r$/, "")).filter((l) => l.length > 0);
const workFile = "/tmp/memlint_source.py";
for (const path of paths) {
  pyodide.FS.writeFile(workFile, readFileSync(path));
  const line = dumpSource(pyodide.runPython(`open(${JSON.stringify(workFile)}, "rb").read()`), path);
  process.stdout.write(line + "\n");
}
dumpSource.destroy();
namespace.destroy();
