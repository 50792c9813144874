// Runs a Python script under CPython 3.14 in pyodide (no network needed), with one input file.
// Usage: node pyodide_run.mjs PYODIDE_DIR SCRIPT INPUT
// The script sees the input's copy as sys.argv[1]; its standard output is passed through.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, script, input] = process.argv.slice(2);
if (!input) {
  process.stderr.write("usage: node pyodide_run.mjs PYODIDE_DIR SCRIPT INPUT\n");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + "/",
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: () => {},
});
const copy = "/tmp/memlint_input";
pyodide.FS.writeFile(copy, readFileSync(input));
pyodide.runPython(`import sys; sys.argv = ["script", ${JSON.stringify(copy)}]`);
pyodide.runPython(readFileSync(script, "utf8"));
