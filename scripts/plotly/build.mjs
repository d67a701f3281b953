// Builds static/plotly/plotly.min.js: plotly.js (pinned in scripts/plotly/package-lock.json) with only the
// trace types the pages draw, so that the results page loads a fraction of the full bundle.
// `make plotly` runs it; the built file is committed so that `make run` needs no npm.
//   scatterpolar: the radars (results.js, evolution.js, simulate.js)
//   box, scatter: the network page's box plots and trend line (network.js)
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL(".", import.meta.url));
const TRACES = ["scatter", "scatterpolar", "box"];
const version = JSON.parse(readFileSync(require.resolve("plotly.js/package.json"))).version;
const entry = [
  'var Plotly = require("plotly.js/lib/core");',
  `Plotly.register([${TRACES.map((trace) => `require("plotly.js/lib/${trace}")`).join(", ")}]);`,
  "module.exports = Plotly;",
].join("\n");

// The app works offline: the two config defaults that name a Plotly server (the topojson of map
// traces, not bundled, and the « send to Chart Studio » button, not shown) are emptied, so that
// the file names no host to fetch from.
const OFFLINE = {
  name: "offline-config",
  setup(builder) {
    builder.onLoad({ filter: /plot_api[\\/]plot_config\.js$/ }, ({ path }) => {
      let source = readFileSync(path, "utf8");
      for (const url of ["https://cloud.plotly.com/newchart", "https://cdn.plot.ly/un/"]) {
        if (!source.includes(`'${url}'`)) throw new Error(`${url} is no longer in ${path}`);
        source = source.replace(`'${url}'`, "''");
      }
      return { contents: source, loader: "js" };
    });
  },
};

await build({
  stdin: { contents: entry, resolveDir: here, sourcefile: "plotly-partial.js" },
  outfile: `${here}../../static/plotly/plotly.min.js`,
  // The options of plotly.js's own esbuild-config.js that these traces need.
  format: "iife",
  globalName: "Plotly",
  bundle: true,
  minify: true,
  target: "es2016",
  define: { global: "window", "define.amd": "false" },
  // The registry requires the map library's CSS for map traces, which are not bundled.
  loader: { ".css": "empty" },
  legalComments: "eof",
  banner: { js: `/* plotly.js v${version} (MIT), traces: ${TRACES.join(", ")}; built by scripts/plotly/build.mjs */` },
  logLevel: "info",
  plugins: [OFFLINE],
});
