// Runs the in-page checker's Python in Node, from the very scripts a site ships
// (runtime.js and course.js): decodes them as the page's worker does, starts
// Pyodide, unpacks the same wheel and payload, and checks every file listed in the
// job file with curriculum.validation.inpage.check, printing one JSON report per line.
//
//   node run_in_node.mjs <folder holding runtime.js and course.js> <jobs.json>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

const [folder, jobsFile] = process.argv.slice(2);
const context = { self: {} };
vm.createContext(context);
for (const name of ["runtime.js", "course.js"]) {
  vm.runInContext(fs.readFileSync(path.join(folder, name), "utf8"), context, { filename: name });
}
const { runtime, course } = context.self.__courseChecker;
const decode = (entry) => {
  const bytes = Buffer.from(entry.data, "base64");
  return new Uint8Array(entry.gz ? zlib.gunzipSync(bytes) : bytes);
};
const dist = fs.mkdtempSync(path.join(os.tmpdir(), "course-checker-"));
for (const [name, entry] of Object.entries(runtime.files)) {
  fs.writeFileSync(path.join(dist, name), decode(entry));
}
const { loadPyodide } = await import(path.join(dist, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: dist + "/", stdout: () => {}, stderr: () => {} });
pyodide.unpackArchive(decode(runtime.files[runtime.wheel]), "wheel");
pyodide.unpackArchive(decode({ gz: false, data: course.payload }), "zip", { extractDir: "/checker" });
pyodide.runPython("import sys\nsys.path.insert(0, '/checker/site')");
const inpage = pyodide.pyimport("curriculum.validation.inpage");
const version = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify({ python: version, pyodide: runtime.pyodide }) + "\n");
for (const job of JSON.parse(fs.readFileSync(jobsFile, "utf8"))) {
  const text = job.bytes ? new Uint8Array(fs.readFileSync(job.path)) : fs.readFileSync(job.path, "utf8");
  const phases = [];
  const report = JSON.parse(inpage.check(job.exercise, job.name, text, (p) => phases.push(p)));
  process.stdout.write(JSON.stringify({ id: job.id, phases, report }) + "\n");
}
fs.rmSync(dist, { recursive: true, force: true });
